package agent

import (
	"math"
	"strconv"
	"strings"
)

// metricsSnapshot is everything /metrics shows, read at one moment. Rendering it is pure so the
// format can be tested without a running runtime.
type metricsSnapshot struct {
	GoVersion  string
	Service    string
	Instance   string
	Goroutines int
	Threads    int

	// GC pause quantiles 0, 0.25, 0.5, 0.75 and 1 over the runtime's recent pauses, in seconds.
	PauseQuantilesSeconds [5]float64
	PauseTotalSeconds     float64
	// Every pause (a GC cycle stops the world twice), from runtime/metrics; absent when !HasPauses.
	Pauses            pauseHistogram
	HasPauses         bool
	GCCycles          int64
	LastGCUnixSeconds float64
	GCCPUFraction     float64

	HeapInuseBytes      uint64
	HeapAllocBytes      uint64
	NextGCBytes         uint64
	AllocatedBytesTotal uint64
	SysBytes            uint64

	// From /proc/self; negative when it cannot be read (not Linux).
	ResidentBytes float64
	CPUSeconds    float64

	// What the runtime runs now, as the agent set it.
	Running Config
	// The desired config's mod revision the running config came from; 0 for the startup config.
	ConfigModRevision int64
	ConfigErrorsTotal int64
	EtcdConnected     bool
	ReconnectsTotal   int64
}

var pauseQuantileLabels = [5]string{"0", "0.25", "0.5", "0.75", "1"}

// renderExposition writes the snapshot in the Prometheus text exposition format (version 0.0.4),
// under the metric names client_golang's Go and process collectors use, so a console or a
// Prometheus that knows those names reads the agent like any instrumented Go service.
func renderExposition(s metricsSnapshot) []byte {
	var w expositionWriter

	w.family("go_gc_duration_seconds", "summary", "A summary of the pause duration of garbage collection cycles.")
	for index, quantile := range pauseQuantileLabels {
		w.sample("go_gc_duration_seconds", []label{{"quantile", quantile}}, s.PauseQuantilesSeconds[index])
	}
	w.sample("go_gc_duration_seconds_sum", nil, s.PauseTotalSeconds)
	w.sample("go_gc_duration_seconds_count", nil, float64(s.GCCycles))

	// The histogram client_golang exposes from Go 1.22's runtime metrics, here on any Go: the
	// summary above has no p99, and quantiles of a histogram can be taken over a window.
	if s.HasPauses {
		const name = "go_sched_pauses_total_gc_seconds"
		w.family(name, "histogram", "Distribution of individual GC-related stop-the-world pause latencies.")
		for index, bound := range s.Pauses.UpperBounds {
			w.sample(name+"_bucket", []label{{"le", formatSampleValue(bound)}}, float64(s.Pauses.CumulativeCounts[index]))
		}
		w.sample(name+"_bucket", []label{{"le", "+Inf"}}, float64(s.Pauses.Count))
		w.sample(name+"_sum", nil, s.PauseTotalSeconds)
		w.sample(name+"_count", nil, float64(s.Pauses.Count))
	}

	w.gauge("go_goroutines", "Number of goroutines that currently exist.", float64(s.Goroutines))
	w.gauge("go_threads", "Number of OS threads created.", float64(s.Threads))
	w.family("go_info", "gauge", "Information about the Go environment.")
	w.sample("go_info", []label{{"version", s.GoVersion}}, 1)

	w.gauge("go_memstats_heap_inuse_bytes", "Number of heap bytes that are in use.", float64(s.HeapInuseBytes))
	w.gauge("go_memstats_heap_alloc_bytes", "Number of heap bytes allocated and still in use.", float64(s.HeapAllocBytes))
	w.gauge("go_memstats_next_gc_bytes", "Number of heap bytes when next garbage collection will take place.",
		float64(s.NextGCBytes))
	w.counter("go_memstats_alloc_bytes_total", "Total number of bytes allocated, even if freed.",
		float64(s.AllocatedBytesTotal))
	w.gauge("go_memstats_sys_bytes", "Number of bytes obtained from system.", float64(s.SysBytes))
	w.gauge("go_memstats_last_gc_time_seconds", "Number of seconds since 1970 of last garbage collection.",
		s.LastGCUnixSeconds)
	w.gauge("go_memstats_gc_cpu_fraction",
		"The fraction of this program's available CPU time used by the GC since the program started.",
		s.GCCPUFraction)

	w.gauge("go_gc_gogc_percent", "Heap size target percentage configured by the user, otherwise 100. "+
		"-1 when GOGC=off.", float64(s.Running.GOGC))
	w.gauge("go_gc_gomemlimit_bytes", "Go runtime memory limit configured by the user, otherwise math.MaxInt64.",
		float64(memoryLimitForRuntime(s.Running)))
	w.gauge("go_sched_gomaxprocs_threads", "The current runtime.GOMAXPROCS setting.", float64(s.Running.GOMAXPROCS))

	if s.ResidentBytes >= 0 {
		w.gauge("process_resident_memory_bytes", "Resident memory size in bytes.", s.ResidentBytes)
	}
	if s.CPUSeconds >= 0 {
		w.counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", s.CPUSeconds)
	}

	w.family("fleetdeck_agent_info", "gauge", "The service and instance this agent applies config for.")
	w.sample("fleetdeck_agent_info", []label{{"service", s.Service}, {"instance", s.Instance}}, 1)
	w.gauge("fleetdeck_agent_applied_gogc_percent", "GOGC the agent applied; -1 for off.", float64(s.Running.GOGC))
	w.gauge("fleetdeck_agent_applied_memory_limit_bytes",
		"GOMEMLIMIT the agent applied; math.MaxInt64 for no limit.", float64(memoryLimitForRuntime(s.Running)))
	w.gauge("fleetdeck_agent_applied_gomaxprocs", "GOMAXPROCS the agent applied.", float64(s.Running.GOMAXPROCS))
	w.family("fleetdeck_agent_applied_gray_ratio", "gauge",
		"Gray release ratio the agent applied; absent when the config sets none.")
	if s.Running.GrayRatio != nil {
		w.sample("fleetdeck_agent_applied_gray_ratio", nil, *s.Running.GrayRatio)
	}
	w.gauge("fleetdeck_agent_config_mod_revision",
		"etcd mod revision of the desired config the agent applied; 0 before it applied any.",
		float64(s.ConfigModRevision))
	w.counter("fleetdeck_agent_config_errors_total",
		"Desired configs the agent refused because they were malformed.", float64(s.ConfigErrorsTotal))
	connected := 0.0
	if s.EtcdConnected {
		connected = 1
	}
	w.gauge("fleetdeck_agent_etcd_connected", "1 while the agent watches its desired config in etcd.", connected)
	w.counter("fleetdeck_agent_etcd_reconnects_total", "Times the agent lost etcd and connected again.",
		float64(s.ReconnectsTotal))

	return []byte(w.out.String())
}

func memoryLimitForRuntime(config Config) int64 {
	if config.MemoryLimitBytes <= 0 {
		return noMemoryLimit
	}
	return config.MemoryLimitBytes
}

type label struct{ name, value string }

type expositionWriter struct{ out strings.Builder }

func (w *expositionWriter) family(name, kind, help string) {
	w.out.WriteString("# HELP " + name + " " + escapeHelp(help) + "\n")
	w.out.WriteString("# TYPE " + name + " " + kind + "\n")
}

func (w *expositionWriter) gauge(name, help string, value float64) {
	w.family(name, "gauge", help)
	w.sample(name, nil, value)
}

func (w *expositionWriter) counter(name, help string, value float64) {
	w.family(name, "counter", help)
	w.sample(name, nil, value)
}

func (w *expositionWriter) sample(name string, labels []label, value float64) {
	w.out.WriteString(name)
	if len(labels) > 0 {
		w.out.WriteByte('{')
		for index, l := range labels {
			if index > 0 {
				w.out.WriteByte(',')
			}
			w.out.WriteString(l.name + `="` + escapeLabelValue(l.value) + `"`)
		}
		w.out.WriteByte('}')
	}
	w.out.WriteString(" " + formatSampleValue(value) + "\n")
}

// The exposition format escapes backslash and newline in help text, and also the double quote in
// label values.
var (
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	labelEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
)

func escapeHelp(text string) string       { return helpEscaper.Replace(text) }
func escapeLabelValue(text string) string { return labelEscaper.Replace(text) }

func formatSampleValue(value float64) string {
	switch {
	case math.IsNaN(value):
		return "NaN"
	case math.IsInf(value, 1):
		return "+Inf"
	case math.IsInf(value, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(value, 'g', -1, 64)
}
