package agent

import "time"

// Backoff spaces out reconnection attempts: exponential from Initial, capped at Max, with jitter
// so a fleet of agents does not reconnect in lockstep when etcd comes back.
type Backoff struct {
	Initial time.Duration
	Max     time.Duration
}

// DefaultBackoff retries quickly at first (etcd restarts take about a second) and settles at 5 s.
var DefaultBackoff = Backoff{Initial: 100 * time.Millisecond, Max: 5 * time.Second}

// Delay is the wait before retry number attempt (0 for the first retry). jitter, in [0, 1), picks
// a point in the upper half of the exponential step ("equal jitter"): the wait never drops below
// half the step, so retries stay spaced out, and never exceeds Max.
func (b Backoff) Delay(attempt int, jitter float64) time.Duration {
	step := b.Initial
	for i := 0; i < attempt && step < b.Max; i++ {
		step *= 2
	}
	if step > b.Max {
		step = b.Max
	}
	if jitter < 0 {
		jitter = 0
	} else if jitter >= 1 {
		jitter = 0.999999
	}
	half := step / 2
	return half + time.Duration(float64(step-half)*jitter)
}
