package agent

import (
	"math"
	"runtime/metrics"
)

// pauseHistogram is the runtime's histogram of stop-the-world GC pauses, folded onto fewer bucket
// boundaries: the runtime keeps hundreds of fine buckets, a scrape needs a couple of dozen.
type pauseHistogram struct {
	// UpperBounds are the buckets' inclusive upper edges in seconds, ascending, without +Inf.
	UpperBounds []float64
	// CumulativeCounts[i] counts the pauses no longer than UpperBounds[i].
	CumulativeCounts []uint64
	// Count is every pause, the +Inf bucket.
	Count uint64
}

// pauseBucketBounds are 1 µs doubling up to about 8 s: GC pauses run from tens of microseconds
// to, on a starved machine, seconds; a doubling keeps a p99 within a factor of two of the truth.
var pauseBucketBounds = func() []float64 {
	bounds := make([]float64, 24)
	for i := range bounds {
		bounds[i] = 1e-6 * math.Pow(2, float64(i))
	}
	return bounds
}()

// pauseMetricNames are the runtime's names for the pause histogram: renamed in Go 1.22.
var pauseMetricNames = []string{"/sched/pauses/total/gc:seconds", "/gc/pauses:seconds"}

// readPauseHistogram reads the runtime's pause histogram; ok is false when this Go has neither name.
func readPauseHistogram() (pauseHistogram, bool) {
	supported := map[string]bool{}
	for _, description := range metrics.All() {
		supported[description.Name] = true
	}
	for _, name := range pauseMetricNames {
		if !supported[name] {
			continue
		}
		sample := []metrics.Sample{{Name: name}}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindFloat64Histogram {
			return pauseHistogram{}, false
		}
		histogram := sample[0].Value.Float64Histogram()
		return foldPauseHistogram(histogram.Counts, histogram.Buckets, pauseBucketBounds), true
	}
	return pauseHistogram{}, false
}

// foldPauseHistogram sums the runtime's buckets (counts[i] covers [edges[i], edges[i+1])) into
// cumulative counts at each bound. A fine bucket counts below a bound only when it lies wholly
// below it, so each cumulative count is a lower bound, as Prometheus's `le` asks.
func foldPauseHistogram(counts []uint64, edges []float64, bounds []float64) pauseHistogram {
	folded := pauseHistogram{UpperBounds: bounds, CumulativeCounts: make([]uint64, len(bounds))}
	for i, count := range counts {
		folded.Count += count
		upper := edges[i+1]
		for j, bound := range bounds {
			if upper <= bound {
				folded.CumulativeCounts[j] += count
			}
		}
	}
	return folded
}
