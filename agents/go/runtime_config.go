package agent

import (
	"math"
	"runtime"
	"runtime/debug"
)

// noMemoryLimit is what debug.SetMemoryLimit takes and reports for "no limit".
const noMemoryLimit = math.MaxInt64

// applyToRuntime sets the process's GC percent, soft memory limit and GOMAXPROCS.
func applyToRuntime(config Config) {
	debug.SetGCPercent(config.GOGC)
	limit := config.MemoryLimitBytes
	if limit <= 0 {
		limit = noMemoryLimit
	}
	debug.SetMemoryLimit(limit)
	runtime.GOMAXPROCS(config.GOMAXPROCS)
}

// runtimeConfig reads what the process runs now (GOGC, GOMEMLIMIT and GOMAXPROCS from its
// environment, before the agent applied anything), with no gray ratio and no custom keys.
func runtimeConfig() Config {
	// debug has no getter for the GC percent: set a value and put the old one back at once.
	gogc := debug.SetGCPercent(100)
	debug.SetGCPercent(gogc)
	if gogc < 0 {
		gogc = GOGCOff
	}
	// A negative limit reads the current one without changing it.
	limit := debug.SetMemoryLimit(-1)
	if limit == noMemoryLimit {
		limit = 0
	}
	return Config{GOGC: gogc, MemoryLimitBytes: limit, GOMAXPROCS: runtime.GOMAXPROCS(0), Custom: map[string]string{}}
}
