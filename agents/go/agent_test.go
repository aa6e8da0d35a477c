package agent

import (
	"io"
	"log"
	"runtime/debug"
	"strings"
	"testing"
)

func testAgent(t *testing.T) *Agent {
	agent, err := New(Options{EtcdURL: "http://127.0.0.1:1", Service: "checkout", Instance: "a",
		Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	// The tests apply configs to this very process: put its settings back afterwards.
	before := runtimeConfig()
	t.Cleanup(func() { applyToRuntime(before) })
	return agent
}

func desired(revision int64, value string) *keyValue {
	return &keyValue{Value: []byte(value), ModRevision: flexibleInt64(revision)}
}

func TestAgentAppliesADesiredConfigAndReportsIt(t *testing.T) {
	agent := testAgent(t)
	if agent.desiredKey != "/fleetdeck/config/checkout/a" || agent.statusKey != "/fleetdeck/status/checkout/a" {
		t.Fatalf("keys: %s %s", agent.desiredKey, agent.statusKey)
	}
	agent.handleDesired(desired(5, `{"gogc":321,"memoryLimitBytes":null,"gomaxprocs":1,"grayRatio":null,"custom":{}}`))
	if got := debug.SetGCPercent(321); got != 321 {
		t.Fatalf("the runtime runs GOGC=%d", got)
	}
	status := agent.statusLocked()
	if status.DesiredModRevision != 5 || status.Applied.GOGC != 321 || status.Error != nil || !agent.statusPending {
		t.Fatalf("status: %+v", status)
	}
}

func TestAgentKeepsItsConfigWhenTheDesiredValueIsMalformed(t *testing.T) {
	agent := testAgent(t)
	agent.handleDesired(desired(5, `{"gogc":150,"memoryLimitBytes":null,"gomaxprocs":1,"grayRatio":null,"custom":{}}`))
	agent.handleDesired(desired(6, `{"gogc":"lots"}`))
	if got := agent.Running().GOGC; got != 150 {
		t.Fatalf("running GOGC %d after a malformed value", got)
	}
	status := agent.statusLocked()
	if status.DesiredModRevision != 5 || status.Error == nil ||
		!strings.Contains(*status.Error, "/fleetdeck/config/checkout/a (mod revision 6)") ||
		!strings.Contains(*status.Error, `"memoryLimitBytes" is missing`) {
		t.Fatalf("status: %+v", status)
	}
	if agent.snapshot().ConfigErrorsTotal != 1 {
		t.Fatal("the refusal is not counted")
	}
	// The same revision again (a reconnect reads it afresh) is not a second error.
	agent.handleDesired(desired(6, `{"gogc":"lots"}`))
	if agent.snapshot().ConfigErrorsTotal != 1 {
		t.Fatal("a revision already refused was counted again")
	}
	agent.handleDesired(desired(7, `{"gogc":175,"memoryLimitBytes":null,"gomaxprocs":1,"grayRatio":null,"custom":{}}`))
	if status := agent.statusLocked(); status.Error != nil || status.Applied.GOGC != 175 {
		t.Fatalf("a good config after a bad one: %+v", status)
	}
}

func TestNewRefusesOptionsThatWouldNameWrongKeys(t *testing.T) {
	cases := map[string]Options{
		"etcd URL must start with http": {EtcdURL: "127.0.0.1:2379", Service: "s", Instance: "i"},
		"the service must be set":       {EtcdURL: "http://e", Instance: "i"},
		"the instance must be set":      {EtcdURL: "http://e", Service: "s", Instance: "a/b"},
		"prefix must start with '/'":    {EtcdURL: "http://e", Service: "s", Instance: "i", Prefix: "fleetdeck"},
	}
	for want, options := range cases {
		if _, err := New(options); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: got %v, want %q", options, err, want)
		}
	}
}
