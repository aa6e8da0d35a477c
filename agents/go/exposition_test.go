package agent

import (
	"math"
	"regexp"
	"strings"
	"testing"
)

func exampleSnapshot() metricsSnapshot {
	ratio := 0.25
	return metricsSnapshot{
		GoVersion: "go1.19.8", Service: "checkout", Instance: `a"b\c`,
		Goroutines: 12, Threads: 8,
		PauseQuantilesSeconds: [5]float64{0.00001, 0.00002, 0.00003, 0.00004, 0.0005},
		PauseTotalSeconds:     0.01, GCCycles: 42,
		HeapInuseBytes: 10 << 20, HeapAllocBytes: 9 << 20, NextGCBytes: 16 << 20,
		AllocatedBytesTotal: 1 << 30, SysBytes: 40 << 20,
		ResidentBytes: 30 << 20, CPUSeconds: 1.5,
		Running:           Config{GOGC: 200, MemoryLimitBytes: 0, GOMAXPROCS: 2, GrayRatio: &ratio},
		ConfigModRevision: 17, ConfigErrorsTotal: 3, EtcdConnected: true,
	}
}

func TestExpositionHasTheNamesTheConsoleQueries(t *testing.T) {
	text := string(renderExposition(exampleSnapshot()))
	for _, line := range []string{
		`go_gc_duration_seconds{quantile="0"} 1e-05`,
		`go_gc_duration_seconds{quantile="0.25"} 2e-05`,
		`go_gc_duration_seconds{quantile="1"} 0.0005`,
		`go_gc_duration_seconds_sum 0.01`,
		`go_gc_duration_seconds_count 42`,
		`go_goroutines 12`,
		`go_memstats_heap_inuse_bytes 1.048576e+07`,
		`go_memstats_heap_alloc_bytes 9.437184e+06`,
		`go_memstats_next_gc_bytes 1.6777216e+07`,
		`go_memstats_alloc_bytes_total 1.073741824e+09`,
		`go_memstats_sys_bytes 4.194304e+07`,
		`process_resident_memory_bytes 3.145728e+07`,
		`process_cpu_seconds_total 1.5`,
		`go_gc_gogc_percent 200`,
		`go_gc_gomemlimit_bytes 9.223372036854776e+18`,
		`go_sched_gomaxprocs_threads 2`,
		`go_info{version="go1.19.8"} 1`,
		`fleetdeck_agent_applied_gogc_percent 200`,
		`fleetdeck_agent_applied_memory_limit_bytes 9.223372036854776e+18`,
		`fleetdeck_agent_applied_gomaxprocs 2`,
		`fleetdeck_agent_applied_gray_ratio 0.25`,
		`fleetdeck_agent_config_mod_revision 17`,
		`fleetdeck_agent_config_errors_total 3`,
		`fleetdeck_agent_etcd_connected 1`,
		`# TYPE go_gc_duration_seconds summary`,
		`# TYPE go_memstats_alloc_bytes_total counter`,
		`# TYPE fleetdeck_agent_config_errors_total counter`,
	} {
		if !strings.Contains(text, "\n"+line+"\n") && !strings.HasPrefix(text, line+"\n") {
			t.Errorf("missing line %q", line)
		}
	}
}

func TestExpositionEscapesLabelValues(t *testing.T) {
	text := string(renderExposition(exampleSnapshot()))
	want := `fleetdeck_agent_info{service="checkout",instance="a\"b\\c"} 1`
	if !strings.Contains(text, want) {
		t.Fatalf("missing %s in\n%s", want, text)
	}
}

func TestExpositionShowsOffAndLimitsAsTheRuntimeDoes(t *testing.T) {
	s := exampleSnapshot()
	s.Running = Config{GOGC: GOGCOff, MemoryLimitBytes: 256 << 20, GOMAXPROCS: 1}
	text := string(renderExposition(s))
	for _, line := range []string{"go_gc_gogc_percent -1", "fleetdeck_agent_applied_gogc_percent -1",
		"go_gc_gomemlimit_bytes 2.68435456e+08", "fleetdeck_agent_applied_memory_limit_bytes 2.68435456e+08"} {
		if !strings.Contains(text, "\n"+line+"\n") {
			t.Errorf("missing line %q", line)
		}
	}
	if strings.Contains(text, "\nfleetdeck_agent_applied_gray_ratio ") {
		t.Error("a config without a gray ratio must not expose a gray ratio sample")
	}
}

func TestExpositionLeavesOutProcessMetricsItCannotRead(t *testing.T) {
	s := exampleSnapshot()
	s.ResidentBytes, s.CPUSeconds = -1, -1
	text := string(renderExposition(s))
	if strings.Contains(text, "process_") {
		t.Fatal("process metrics exposed without /proc")
	}
}

// Every line must be a comment, or a sample whose family was declared, in the text format's
// grammar: name, optional labels, one value.
func TestExpositionIsWellFormed(t *testing.T) {
	s := exampleSnapshot()
	s.GCCPUFraction = math.NaN()
	sample := regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"` +
		`(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (?:NaN|[+-]Inf|-?[0-9.e+-]+)$`)
	declared := map[string]bool{}
	text := string(renderExposition(s))
	if !strings.HasSuffix(text, "\n") {
		t.Fatal("the exposition must end with a newline")
	}
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if strings.HasPrefix(line, "# TYPE ") {
			name := strings.Fields(line)[2]
			if declared[name] {
				t.Errorf("family %s declared twice", name)
			}
			declared[name] = true
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		match := sample.FindStringSubmatch(line)
		if match == nil {
			t.Errorf("malformed line %q", line)
			continue
		}
		family := strings.TrimSuffix(strings.TrimSuffix(match[1], "_sum"), "_count")
		if !declared[family] {
			t.Errorf("sample %q before its # TYPE", line)
		}
	}
	if !strings.Contains(text, "\ngo_memstats_gc_cpu_fraction NaN\n") {
		t.Error("NaN must be spelled NaN")
	}
}

func TestExpositionHasThePauseHistogramWithCumulativeBuckets(t *testing.T) {
	snapshot := exampleSnapshot()
	snapshot.HasPauses = true
	snapshot.Pauses = pauseHistogram{UpperBounds: []float64{1e-05, 0.001}, CumulativeCounts: []uint64{30, 80}, Count: 84}
	text := string(renderExposition(snapshot))
	for _, line := range []string{
		`# TYPE go_sched_pauses_total_gc_seconds histogram`,
		`go_sched_pauses_total_gc_seconds_bucket{le="1e-05"} 30`,
		`go_sched_pauses_total_gc_seconds_bucket{le="0.001"} 80`,
		`go_sched_pauses_total_gc_seconds_bucket{le="+Inf"} 84`,
		`go_sched_pauses_total_gc_seconds_sum 0.01`,
		`go_sched_pauses_total_gc_seconds_count 84`,
	} {
		if !strings.Contains(text, "\n"+line+"\n") {
			t.Errorf("missing line %q", line)
		}
	}
	snapshot.HasPauses = false
	if strings.Contains(string(renderExposition(snapshot)), "go_sched_pauses_total_gc_seconds") {
		t.Error("a Go without the pause histogram should not show it")
	}
}
