package agent

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// These tests stand in for etcd's JSON gateway with canned answers in its wire format; the
// sources package runs the agent against a real etcd.

func b64(text string) string { return base64.StdEncoding.EncodeToString([]byte(text)) }

func gatewayServing(t *testing.T, handler http.HandlerFunc) etcdGateway {
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	return etcdGateway{baseURL: server.URL, client: server.Client(), requestTimeout: 2 * time.Second}
}

func TestWatchDeliversPutsAndDeletesFromTheStartRevision(t *testing.T) {
	var request map[string]map[string]string
	gateway := gatewayServing(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &request)
		fmt.Fprintln(w, `{"result":{"header":{"revision":"7"},"created":true}}`)
		fmt.Fprintf(w, `{"result":{"header":{"revision":"8"},"events":[{"kv":{"key":"%s","mod_revision":"8","value":"%s"}}]}}`+"\n",
			b64("/p/config/s/i"), b64(`{"gogc":50}`))
		fmt.Fprintf(w, `{"result":{"header":{"revision":"9"},"events":[{"type":"DELETE","kv":{"key":"%s","mod_revision":"9"}}]}}`+"\n",
			b64("/p/config/s/i"))
	})
	var events []watchEvent
	watching := false
	err := gateway.watch(context.Background(), "/p/config/s/i", 8, func() { watching = true },
		func(event watchEvent) error { events = append(events, event); return nil })
	if !errors.Is(err, errWatchEnded) {
		t.Fatalf("want the end of the stream reported, got %v", err)
	}
	if request["create_request"]["start_revision"] != "8" || request["create_request"]["key"] != b64("/p/config/s/i") {
		t.Fatalf("watch request: %v", request)
	}
	if !watching || len(events) != 2 {
		t.Fatalf("watching=%v events=%+v", watching, events)
	}
	if events[0].Deleted || string(events[0].KV.Value) != `{"gogc":50}` || events[0].KV.ModRevision != 8 {
		t.Errorf("first event: %+v", events[0])
	}
	if !events[1].Deleted || events[1].KV.ModRevision != 9 {
		t.Errorf("second event: %+v", events[1])
	}
}

func TestWatchReportsACompactedStartRevision(t *testing.T) {
	gateway := gatewayServing(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, `{"result":{"header":{"revision":"90"},"created":true}}`)
		fmt.Fprintln(w, `{"result":{"header":{"revision":"90"},"canceled":true,"compact_revision":"50"}}`)
	})
	err := gateway.watch(context.Background(), "/k", 3, nil, func(watchEvent) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "revision 3 was compacted (oldest kept: 50)") {
		t.Fatalf("got %v", err)
	}
}

func TestGetReadsValueRevisionsAndAbsence(t *testing.T) {
	present := true
	gateway := gatewayServing(t, func(w http.ResponseWriter, r *http.Request) {
		if present {
			fmt.Fprintf(w, `{"header":{"revision":"12"},"kvs":[{"key":"%s","create_revision":"4","mod_revision":"11","value":"%s"}],"count":"1"}`,
				b64("/k"), b64("v"))
		} else {
			fmt.Fprint(w, `{"header":{"revision":"12"}}`)
		}
	})
	kv, revision, err := gateway.get(context.Background(), "/k")
	if err != nil || kv == nil || string(kv.Value) != "v" || kv.ModRevision != 11 || kv.CreateRevision != 4 || revision != 12 {
		t.Fatalf("got %+v, %d, %v", kv, revision, err)
	}
	present = false
	kv, revision, err = gateway.get(context.Background(), "/k")
	if err != nil || kv != nil || revision != 12 {
		t.Fatalf("absent key: got %+v, %d, %v", kv, revision, err)
	}
}

func TestGatewayErrorsSayWhereAndWhat(t *testing.T) {
	gateway := gatewayServing(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `{"error":"etcdserver: no leader","message":"etcdserver: no leader","code":14}`)
	})
	err := gateway.put(context.Background(), "/p/status/s/i", []byte("{}"))
	want := "writing /p/status/s/i: etcd at " + gateway.baseURL + " answered /v3/kv/put with HTTP 503: etcdserver: no leader"
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
}
