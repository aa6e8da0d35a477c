package main

import (
	"context"
	"time"
)

const (
	workloadChunkBytes = 32 << 10
	workloadTick       = 10 * time.Millisecond
)

// runWorkload allocates allocRate bytes per second in chunks that replace the oldest chunks of a
// ring holding liveHeap bytes: the live heap stays at liveHeap and every replaced chunk becomes
// garbage, so the GC cycles at a rate GOGC and GOMEMLIMIT decide.
func runWorkload(ctx context.Context, allocRate, liveHeap int64) {
	ring := make([][]byte, max(1, liveHeap/workloadChunkBytes))
	next := 0
	ticker := time.NewTicker(workloadTick)
	defer ticker.Stop()
	perTick := float64(allocRate) * workloadTick.Seconds()
	owed := 0.0
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		for owed += perTick; owed >= workloadChunkBytes; owed -= workloadChunkBytes {
			chunk := make([]byte, workloadChunkBytes)
			// Touch the chunk so its pages are really resident.
			for offset := 0; offset < len(chunk); offset += 4096 {
				chunk[offset] = byte(next)
			}
			ring[next] = chunk
			next = (next + 1) % len(ring)
		}
	}
}

func max(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}
