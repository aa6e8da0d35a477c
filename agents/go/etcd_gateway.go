package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// etcdGateway talks to etcd through its HTTP/JSON gateway (/v3/kv/range, /v3/kv/put, /v3/watch),
// so the agent needs neither gRPC nor any module beyond the standard library. Keys and values
// travel base64-encoded ([]byte fields do that in encoding/json); int64 fields come as strings.
type etcdGateway struct {
	baseURL        string
	client         *http.Client
	requestTimeout time.Duration
}

// keyValue is one key as etcd holds it.
type keyValue struct {
	Key            []byte        `json:"key"`
	Value          []byte        `json:"value"`
	CreateRevision flexibleInt64 `json:"create_revision"`
	ModRevision    flexibleInt64 `json:"mod_revision"`
}

type responseHeader struct {
	Revision flexibleInt64 `json:"revision"`
}

// flexibleInt64 reads an int64 that the gateway writes as a JSON string (or, in some versions, a
// number).
type flexibleInt64 int64

func (n *flexibleInt64) UnmarshalJSON(data []byte) error {
	text := strings.Trim(string(data), `"`)
	if text == "" || text == "null" {
		*n = 0
		return nil
	}
	value, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return fmt.Errorf("not an integer: %s", data)
	}
	*n = flexibleInt64(value)
	return nil
}

// get reads one key: nil when it does not exist, plus the store's revision at the time of reading.
func (g *etcdGateway) get(ctx context.Context, key string) (*keyValue, int64, error) {
	var response struct {
		Header responseHeader `json:"header"`
		Kvs    []keyValue     `json:"kvs"`
	}
	if err := g.call(ctx, "/v3/kv/range", map[string]any{"key": []byte(key)}, &response); err != nil {
		return nil, 0, fmt.Errorf("reading %s: %w", key, err)
	}
	if len(response.Kvs) == 0 {
		return nil, int64(response.Header.Revision), nil
	}
	return &response.Kvs[0], int64(response.Header.Revision), nil
}

func (g *etcdGateway) put(ctx context.Context, key string, value []byte) error {
	if err := g.call(ctx, "/v3/kv/put", map[string]any{"key": []byte(key), "value": value}, nil); err != nil {
		return fmt.Errorf("writing %s: %w", key, err)
	}
	return nil
}

// call posts one request and decodes the answer, with the request timeout.
func (g *etcdGateway) call(ctx context.Context, path string, request any, response any) error {
	ctx, cancel := context.WithTimeout(ctx, g.requestTimeout)
	defer cancel()
	httpResponse, err := g.post(ctx, path, request)
	if err != nil {
		return err
	}
	defer httpResponse.Body.Close()
	if response == nil {
		_, err = io.Copy(io.Discard, httpResponse.Body)
		return err
	}
	if err := json.NewDecoder(httpResponse.Body).Decode(response); err != nil {
		return fmt.Errorf("etcd at %s answered %s with something that is not JSON: %v", g.baseURL, path, err)
	}
	return nil
}

func (g *etcdGateway) post(ctx context.Context, path string, request any) (*http.Response, error) {
	body, err := json.Marshal(request)
	if err != nil {
		return nil, err
	}
	httpRequest, err := http.NewRequestWithContext(ctx, http.MethodPost, g.baseURL+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	httpRequest.Header.Set("Content-Type", "application/json")
	httpResponse, err := g.client.Do(httpRequest)
	if err != nil {
		return nil, err
	}
	if httpResponse.StatusCode != http.StatusOK {
		defer httpResponse.Body.Close()
		return nil, fmt.Errorf("etcd at %s answered %s with HTTP %d: %s",
			g.baseURL, path, httpResponse.StatusCode, gatewayErrorMessage(httpResponse.Body))
	}
	return httpResponse, nil
}

// gatewayErrorMessage picks the message out of the gateway's {"error", "message", "code"} body.
func gatewayErrorMessage(body io.Reader) string {
	data, _ := io.ReadAll(io.LimitReader(body, 4096))
	var parsed struct {
		Message string `json:"message"`
		Error   string `json:"error"`
	}
	if json.Unmarshal(data, &parsed) == nil {
		if parsed.Message != "" {
			return parsed.Message
		}
		if parsed.Error != "" {
			return parsed.Error
		}
	}
	return strings.TrimSpace(string(data))
}

// watchEvent is one change of the watched key: its new value, or Deleted.
type watchEvent struct {
	Deleted bool
	KV      keyValue
}

// watchMessage is one message of the gateway's watch stream: newline-separated JSON objects, each
// with a result (created, events, or canceled) or an error.
type watchMessage struct {
	Result *struct {
		Header          responseHeader `json:"header"`
		Created         bool           `json:"created"`
		Canceled        bool           `json:"canceled"`
		CancelReason    string         `json:"cancel_reason"`
		CompactRevision flexibleInt64  `json:"compact_revision"`
		Events          []struct {
			Type string   `json:"type"`
			KV   keyValue `json:"kv"`
		} `json:"events"`
	} `json:"result"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// errWatchEnded reports that etcd closed the watch stream (it shut down, or a proxy cut it).
var errWatchEnded = errors.New("etcd closed the watch stream")

// watch streams changes of key from startRevision on, calling onEvent for each, until ctx ends or
// the stream breaks. It always returns an error saying why it stopped; the caller reconnects.
// onWatching is called once etcd confirms the watch.
func (g *etcdGateway) watch(ctx context.Context, key string, startRevision int64, onWatching func(),
	onEvent func(watchEvent) error) error {
	request := map[string]any{"create_request": map[string]any{
		"key": []byte(key), "start_revision": strconv.FormatInt(startRevision, 10),
	}}
	response, err := g.post(ctx, "/v3/watch", request)
	if err != nil {
		return fmt.Errorf("watching %s: %w", key, err)
	}
	defer response.Body.Close()
	decoder := json.NewDecoder(response.Body)
	for {
		var message watchMessage
		if err := decoder.Decode(&message); err != nil {
			if errors.Is(err, io.EOF) {
				return fmt.Errorf("watching %s: %w", key, errWatchEnded)
			}
			return fmt.Errorf("watching %s: reading the stream from %s: %w", key, g.baseURL, err)
		}
		if message.Error != nil {
			return fmt.Errorf("watching %s: etcd at %s: %s", key, g.baseURL, message.Error.Message)
		}
		result := message.Result
		if result == nil {
			continue
		}
		if result.Canceled {
			// A compacted start revision cancels the watch; the caller reads the key afresh.
			if result.CompactRevision > 0 {
				return fmt.Errorf("watching %s: revision %d was compacted (oldest kept: %d)",
					key, startRevision, result.CompactRevision)
			}
			return fmt.Errorf("watching %s: etcd canceled the watch: %s", key, result.CancelReason)
		}
		if result.Created && onWatching != nil {
			onWatching()
		}
		for _, event := range result.Events {
			if err := onEvent(watchEvent{Deleted: event.Type == "DELETE", KV: event.KV}); err != nil {
				return err
			}
		}
	}
}
