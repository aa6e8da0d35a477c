// Command fleetdeck-agent runs the Fleetdeck config agent as a process of its own: it follows one
// instance's desired config in etcd, applies it to itself, and serves the Go runtime's GC metrics
// and net/http/pprof. With -alloc-rate it also runs a synthetic allocation workload, so a test
// fleet of agents shows GC behaviour that moves when GOGC or GOMEMLIMIT change.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"fleetdeck/agent"
)

func main() {
	options := agent.Options{}
	flag.StringVar(&options.EtcdURL, "etcd", "http://127.0.0.1:2379", "etcd client URL")
	flag.StringVar(&options.Prefix, "prefix", "/fleetdeck", "key prefix of the desired config and status keys")
	flag.StringVar(&options.Service, "service", "", "service id (required)")
	flag.StringVar(&options.Instance, "instance", "", "instance id (required)")
	flag.StringVar(&options.Listen, "listen", "127.0.0.1:0", "address for /metrics and /debug/pprof/")
	allocRate := flag.Int64("alloc-rate", 0, "bytes per second the synthetic workload allocates; 0 = no workload")
	liveHeap := flag.Int64("live-heap", 64<<20, "bytes the synthetic workload keeps reachable")
	flag.Parse()
	if flag.NArg() > 0 {
		fail(fmt.Errorf("unexpected arguments: %v", flag.Args()))
	}
	if *allocRate < 0 || *liveHeap < 0 {
		fail(fmt.Errorf("-alloc-rate and -live-heap must not be negative"))
	}

	// Tests read the bound port from this line, so it is printed before anything else.
	options.OnListening = func(address net.Addr) { fmt.Printf("listening http://%s\n", address) }

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *allocRate > 0 {
		go runWorkload(ctx, *allocRate, *liveHeap)
	}
	if err := agent.Run(ctx, options); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "fleetdeck-agent:", err)
	os.Exit(2)
}
