module fleetdeck/agent

go 1.19
