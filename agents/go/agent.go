// Package agent applies the runtime config the Fleetdeck console rolls out to a Go service. It
// watches the service instance's desired-config key in etcd, applies GOGC, GOMEMLIMIT and
// GOMAXPROCS to the running process, reports what it applied back to etcd, and serves the
// runtime's GC metrics and net/http/pprof. A service embeds it (Run, or New + Handler) or runs the
// fleetdeck-agent command beside it.
package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"math/rand"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"strings"
	"sync"
	"time"
)

// Options say where the desired config lives and how the agent serves its metrics.
type Options struct {
	// EtcdURL is an etcd client URL, e.g. http://127.0.0.1:2379.
	EtcdURL string
	// Prefix roots the keys; "/fleetdeck" when empty.
	Prefix string
	// Service and Instance name the keys: <prefix>/config/<service>/<instance> holds the desired
	// config, <prefix>/status/<service>/<instance> what the agent applied.
	Service  string
	Instance string

	// Listen is the address Run serves /metrics and /debug/pprof/ on, e.g. 127.0.0.1:0. Empty:
	// Run serves nothing; mount Handler on the service's own server instead.
	Listen string
	// OnListening is told the bound address once Run listens.
	OnListening func(net.Addr)
	// OnApply is called after each config the agent applies, with the gray ratio and custom keys
	// the runtime itself has no use for.
	OnApply func(Config)

	// Logger gets one line per apply, refusal and lost connection; stderr when nil.
	Logger *log.Logger
	// RequestTimeout bounds each etcd read and write; 5 s when zero.
	RequestTimeout time.Duration
	// Backoff spaces out reconnections; DefaultBackoff when zero.
	Backoff Backoff
}

// Agent holds the config state of one instance. Its methods are safe for concurrent use.
type Agent struct {
	options    Options
	desiredKey string
	statusKey  string
	etcd       etcdGateway
	logger     *log.Logger

	mu                sync.Mutex
	running           Config
	appliedRevision   int64  // mod revision of the running config's key; 0: startup config
	lastSeenRevision  int64  // newest desired revision handled, applied or refused
	lastError         string // why the newest desired config was refused; "" when it was applied
	statusPending     bool
	configErrorsTotal int64
	connected         bool
	everConnected     bool
	reconnectsTotal   int64
}

// Status is what the agent writes to its status key after each apply or refusal.
type Status struct {
	Applied Config `json:"applied"`
	// AtMs is when the agent applied it, in ms since the epoch.
	AtMs int64 `json:"atMs"`
	// DesiredModRevision is the desired key's mod revision the applied config came from.
	DesiredModRevision int64 `json:"desiredModRevision"`
	// Error says why the newest desired config was not applied; null when it was.
	Error *string `json:"error"`
}

// New checks the options and reads the config the process starts with.
func New(options Options) (*Agent, error) {
	if options.Prefix == "" {
		options.Prefix = "/fleetdeck"
	}
	if options.RequestTimeout == 0 {
		options.RequestTimeout = 5 * time.Second
	}
	if options.Backoff == (Backoff{}) {
		options.Backoff = DefaultBackoff
	}
	if err := validateOptions(options); err != nil {
		return nil, err
	}
	logger := options.Logger
	if logger == nil {
		logger = log.New(os.Stderr, "fleetdeck-agent: ", log.LstdFlags)
	}
	keySuffix := "/" + options.Service + "/" + options.Instance
	prefix := strings.TrimRight(options.Prefix, "/")
	return &Agent{
		options:    options,
		desiredKey: prefix + "/config" + keySuffix,
		statusKey:  prefix + "/status" + keySuffix,
		etcd: etcdGateway{
			baseURL:        strings.TrimRight(options.EtcdURL, "/"),
			client:         &http.Client{Transport: etcdTransport()},
			requestTimeout: options.RequestTimeout,
		},
		logger:        logger,
		running:       runtimeConfig(),
		statusPending: true,
	}, nil
}

// etcdTransport gives up quickly on a member that does not accept connections, and notices a
// watch connection whose peer vanished through TCP keepalives.
func etcdTransport() *http.Transport {
	dialer := &net.Dialer{Timeout: 3 * time.Second, KeepAlive: 15 * time.Second}
	return &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: 2}
}

func validateOptions(options Options) error {
	if !strings.HasPrefix(options.EtcdURL, "http://") && !strings.HasPrefix(options.EtcdURL, "https://") {
		return fmt.Errorf("the etcd URL must start with http:// or https://, got %q", options.EtcdURL)
	}
	for _, part := range []struct{ name, value string }{{"service", options.Service}, {"instance", options.Instance}} {
		if part.value == "" || strings.Contains(part.value, "/") {
			return fmt.Errorf("the %s must be set and contain no '/', got %q", part.name, part.value)
		}
	}
	if !strings.HasPrefix(options.Prefix, "/") {
		return fmt.Errorf("the key prefix must start with '/', got %q", options.Prefix)
	}
	return nil
}

// Run starts an agent with these options and blocks until ctx ends.
func Run(ctx context.Context, options Options) error {
	agent, err := New(options)
	if err != nil {
		return err
	}
	return agent.Run(ctx)
}

// Run serves the agent's HTTP endpoints when Options.Listen is set, and follows the desired
// config until ctx ends: it reads the key, applies it, then watches from the next revision so no
// change is missed; when etcd is unreachable it keeps the running config and reconnects with
// backoff, reading the key afresh. Returns nil when ctx ends, or an error when it cannot listen.
func (a *Agent) Run(ctx context.Context) error {
	if a.options.Listen != "" {
		listener, err := net.Listen("tcp", a.options.Listen)
		if err != nil {
			return fmt.Errorf("listening on %s: %w", a.options.Listen, err)
		}
		server := &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = server.Serve(listener) }()
		defer server.Close()
		if a.options.OnListening != nil {
			a.options.OnListening(listener.Addr())
		}
	}

	random := rand.New(rand.NewSource(time.Now().UnixNano()))
	failures := 0
	for {
		err := a.follow(ctx, func() { failures = 0 })
		a.setConnected(false)
		if ctx.Err() != nil {
			return nil
		}
		delay := a.options.Backoff.Delay(failures, random.Float64())
		failures++
		a.logger.Printf("%v; retrying in %v", err, delay.Round(time.Millisecond))
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(delay):
		}
	}
}

// follow is one connection: read the key, apply it, report, then watch until the stream breaks.
func (a *Agent) follow(ctx context.Context, connected func()) error {
	current, revision, err := a.etcd.get(ctx, a.desiredKey)
	if err != nil {
		return err
	}
	a.handleDesired(current)
	if err := a.reportStatus(ctx); err != nil {
		return err
	}
	onWatching := func() {
		connected()
		a.setConnected(true)
	}
	return a.etcd.watch(ctx, a.desiredKey, revision+1, onWatching, func(event watchEvent) error {
		if event.Deleted {
			a.handleDesired(nil)
		} else {
			a.handleDesired(&event.KV)
		}
		return a.reportStatus(ctx)
	})
}

// handleDesired applies a desired config the agent has not handled yet. A deleted or absent key
// leaves the running config as it is; a malformed value is refused and reported.
func (a *Agent) handleDesired(current *keyValue) {
	if current == nil {
		return
	}
	revision := int64(current.ModRevision)
	a.mu.Lock()
	if revision == a.lastSeenRevision {
		a.mu.Unlock()
		return
	}
	a.lastSeenRevision = revision
	a.statusPending = true
	config, err := ParseConfig(current.Value)
	if err != nil {
		a.configErrorsTotal++
		a.lastError = fmt.Sprintf("the desired config at %s (mod revision %d) is not applied: %v",
			a.desiredKey, revision, err)
		message := a.lastError
		a.mu.Unlock()
		a.logger.Print(message)
		return
	}
	applyToRuntime(config)
	a.running = config
	a.appliedRevision = revision
	a.lastError = ""
	a.mu.Unlock()
	a.logger.Printf("applied %s (mod revision %d)", mustJSON(config), revision)
	if a.options.OnApply != nil {
		a.options.OnApply(config)
	}
}

// reportStatus writes the status key when something changed since the last report; a failed
// write stays pending and is retried on the next connection.
func (a *Agent) reportStatus(ctx context.Context) error {
	a.mu.Lock()
	if !a.statusPending {
		a.mu.Unlock()
		return nil
	}
	status := a.statusLocked()
	a.mu.Unlock()
	if err := a.etcd.put(ctx, a.statusKey, mustJSON(status)); err != nil {
		return err
	}
	a.mu.Lock()
	// A newer desired config may have been handled meanwhile; only clear what was written.
	if a.statusLocked().sameAs(status) {
		a.statusPending = false
	}
	a.mu.Unlock()
	return nil
}

func (a *Agent) statusLocked() Status {
	status := Status{Applied: a.running, AtMs: time.Now().UnixMilli(), DesiredModRevision: a.appliedRevision}
	if a.lastError != "" {
		message := a.lastError
		status.Error = &message
	}
	return status
}

func (s Status) sameAs(other Status) bool {
	return string(mustJSON(s.Applied)) == string(mustJSON(other.Applied)) &&
		s.DesiredModRevision == other.DesiredModRevision &&
		(s.Error == nil) == (other.Error == nil) && (s.Error == nil || *s.Error == *other.Error)
}

func (a *Agent) setConnected(connected bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if connected && !a.connected && a.everConnected {
		a.reconnectsTotal++
	}
	a.everConnected = a.everConnected || connected
	a.connected = connected
}

// Running is the config the process runs now.
func (a *Agent) Running() Config {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.running
}

// Handler serves /metrics (Prometheus text format) and net/http/pprof under /debug/pprof/, on a
// mux of its own so nothing is added to http.DefaultServeMux.
func (a *Agent) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_, _ = w.Write(renderExposition(a.snapshot()))
	})
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

func (a *Agent) snapshot() metricsSnapshot {
	var s metricsSnapshot
	readRuntimeStats(&s)
	a.mu.Lock()
	defer a.mu.Unlock()
	s.Service = a.options.Service
	s.Instance = a.options.Instance
	s.Running = a.running
	s.ConfigModRevision = a.appliedRevision
	s.ConfigErrorsTotal = a.configErrorsTotal
	s.EtcdConnected = a.connected
	s.ReconnectsTotal = a.reconnectsTotal
	return s
}

func mustJSON(value any) []byte {
	data, err := json.Marshal(value)
	if err != nil {
		panic(errors.New("marshalling agent state: " + err.Error()))
	}
	return data
}
