package agent

import (
	"math"
	"reflect"
	"runtime"
	"testing"
)

func TestFoldPauseHistogramCountsWholeBucketsBelowEachBound(t *testing.T) {
	edges := []float64{math.Inf(-1), 1e-6, 2e-6, 3e-6, 5e-6, math.Inf(1)}
	counts := []uint64{0, 4, 1, 2, 3}
	folded := foldPauseHistogram(counts, edges, []float64{2e-6, 4e-6, 8e-6})
	want := []uint64{4, 5, 7}
	if !reflect.DeepEqual(folded.CumulativeCounts, want) {
		t.Fatalf("cumulative counts %v, want %v", folded.CumulativeCounts, want)
	}
	if folded.Count != 10 {
		t.Fatalf("count %d, want 10 (the +Inf bucket holds every pause)", folded.Count)
	}
}

func TestReadPauseHistogramSeesThisProcessPause(t *testing.T) {
	before, ok := readPauseHistogram()
	if !ok {
		t.Fatal("this Go has no GC pause histogram in runtime/metrics")
	}
	runtime.GC()
	after, _ := readPauseHistogram()
	if after.Count <= before.Count {
		t.Fatalf("a GC added no pause: %d then %d", before.Count, after.Count)
	}
	last := after.CumulativeCounts[len(after.CumulativeCounts)-1]
	if last > after.Count {
		t.Fatalf("the largest bound counts %d pauses of %d", last, after.Count)
	}
}
