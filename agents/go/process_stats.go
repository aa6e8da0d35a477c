package agent

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// readRuntimeStats fills the runtime and process parts of a snapshot. ReadMemStats stops the
// world briefly, as client_golang's Go collector does on every scrape.
func readRuntimeStats(s *metricsSnapshot) {
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	s.HeapInuseBytes = mem.HeapInuse
	s.HeapAllocBytes = mem.HeapAlloc
	s.NextGCBytes = mem.NextGC
	s.AllocatedBytesTotal = mem.TotalAlloc
	s.SysBytes = mem.Sys
	s.GCCPUFraction = mem.GCCPUFraction
	s.LastGCUnixSeconds = float64(mem.LastGC) / 1e9

	gc := debug.GCStats{PauseQuantiles: make([]time.Duration, len(s.PauseQuantilesSeconds))}
	debug.ReadGCStats(&gc)
	for index, pause := range gc.PauseQuantiles {
		s.PauseQuantilesSeconds[index] = pause.Seconds()
	}
	s.PauseTotalSeconds = gc.PauseTotal.Seconds()
	s.Pauses, s.HasPauses = readPauseHistogram()
	s.GCCycles = gc.NumGC

	s.GoVersion = runtime.Version()
	s.Goroutines = runtime.NumGoroutine()
	s.Threads, _ = runtime.ThreadCreateProfile(nil)
	s.ResidentBytes = residentBytes()
	s.CPUSeconds = cpuSeconds()
}

// residentBytes reads the resident set size from /proc/self/statm (pages); -1 when unavailable.
func residentBytes() float64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return -1
	}
	fields := strings.Fields(string(data))
	if len(fields) < 2 {
		return -1
	}
	pages, err := strconv.ParseFloat(fields[1], 64)
	if err != nil {
		return -1
	}
	return pages * float64(os.Getpagesize())
}

// linuxClockTicksPerSecond is USER_HZ, 100 on every Linux architecture Go supports; procfs
// readers (client_golang's included) assume the same.
const linuxClockTicksPerSecond = 100

// cpuSeconds reads user + system CPU time from /proc/self/stat; -1 when unavailable.
func cpuSeconds() float64 {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return -1
	}
	// The command name (field 2) is in parentheses and may hold spaces: count from after it.
	text := string(data)
	end := strings.LastIndexByte(text, ')')
	if end < 0 {
		return -1
	}
	fields := strings.Fields(text[end+1:])
	// fields[0] is field 3 (state); utime and stime are fields 14 and 15.
	if len(fields) < 13 {
		return -1
	}
	user, userErr := strconv.ParseFloat(fields[11], 64)
	system, systemErr := strconv.ParseFloat(fields[12], 64)
	if userErr != nil || systemErr != nil {
		return -1
	}
	return (user + system) / linuxClockTicksPerSecond
}
