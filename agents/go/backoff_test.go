package agent

import (
	"testing"
	"time"
)

func TestBackoffDoublesUpToTheCap(t *testing.T) {
	b := Backoff{Initial: 100 * time.Millisecond, Max: time.Second}
	want := []time.Duration{100, 200, 400, 800, 1000, 1000, 1000}
	for attempt, step := range want {
		step *= time.Millisecond
		if got := b.Delay(attempt, 0.999999); got < step-time.Millisecond || got > step {
			t.Errorf("attempt %d, most jitter: got %v, want about %v", attempt, got, step)
		}
		if got := b.Delay(attempt, 0); got != step/2 {
			t.Errorf("attempt %d, no jitter: got %v, want %v", attempt, got, step/2)
		}
	}
}

func TestBackoffStaysWithinHalfAndFullStepForAnyJitter(t *testing.T) {
	b := DefaultBackoff
	for attempt := 0; attempt < 100; attempt++ {
		for _, jitter := range []float64{-1, 0, 0.3, 0.5, 0.99, 1, 7} {
			got := b.Delay(attempt, jitter)
			if got < b.Initial/2 || got > b.Max {
				t.Fatalf("attempt %d jitter %v: %v is outside [%v, %v]", attempt, jitter, got, b.Initial/2, b.Max)
			}
		}
	}
}

func TestBackoffJitterSpreadsRetries(t *testing.T) {
	b := DefaultBackoff
	if b.Delay(3, 0.1) == b.Delay(3, 0.9) {
		t.Fatal("different jitter gave the same delay")
	}
}
