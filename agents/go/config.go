package agent

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// GOGCOff is the GOGC value that turns the collector off, as debug.SetGCPercent takes it.
const GOGCOff = -1

// Config is what the console tells an instance to run (DesiredConfig in
// packages/core/src/changes/change-request.ts): the Go runtime settings plus the keys a service
// reads from its config centre.
type Config struct {
	// GOGC is the GC percent, 1–100000, or GOGCOff.
	GOGC int
	// MemoryLimitBytes is the soft memory limit; 0 means none (GOMEMLIMIT unset).
	MemoryLimitBytes int64
	// GOMAXPROCS is 1–1024.
	GOMAXPROCS int
	// GrayRatio is the share of requests a gray release receives, 0–1; nil when not set.
	GrayRatio *float64
	// Custom holds further keys the service reads; never nil after parsing.
	Custom map[string]string
}

// The bounds the console's zod schema puts on a desired config.
const (
	maxGOGC       = 100_000
	maxGOMAXPROCS = 1024
	// Integers beyond 2^53 do not survive a JavaScript number, so the console never writes them.
	maxSafeInteger = 1<<53 - 1
)

var requiredFields = []string{"gogc", "memoryLimitBytes", "gomaxprocs", "grayRatio", "custom"}

// ParseConfig reads a desired config as the console writes it, e.g.
// {"gogc":200,"memoryLimitBytes":1073741824,"gomaxprocs":4,"grayRatio":null,"custom":{}}.
// Every field is required; unknown fields are ignored, as the console's schema strips them. The
// error names the field and says what was wrong with it.
func ParseConfig(data []byte) (Config, error) {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var fields map[string]json.RawMessage
	if err := decoder.Decode(&fields); err != nil {
		return Config{}, fmt.Errorf("not a JSON object: %v", err)
	}
	if fields == nil {
		return Config{}, fmt.Errorf("not a JSON object: got null")
	}
	if decoder.More() {
		return Config{}, fmt.Errorf("not a JSON object: extra data after the object")
	}
	for _, name := range requiredFields {
		if _, ok := fields[name]; !ok {
			return Config{}, fmt.Errorf("%q is missing", name)
		}
	}

	var config Config
	var err error
	if config.GOGC, err = parseGOGC(fields["gogc"]); err != nil {
		return Config{}, err
	}
	if config.MemoryLimitBytes, err = parseMemoryLimit(fields["memoryLimitBytes"]); err != nil {
		return Config{}, err
	}
	gomaxprocs, err := parseInteger(fields["gomaxprocs"], "gomaxprocs", 1, maxGOMAXPROCS)
	if err != nil {
		return Config{}, err
	}
	config.GOMAXPROCS = int(gomaxprocs)
	if config.GrayRatio, err = parseGrayRatio(fields["grayRatio"]); err != nil {
		return Config{}, err
	}
	if config.Custom, err = parseCustom(fields["custom"]); err != nil {
		return Config{}, err
	}
	return config, nil
}

func parseGOGC(raw json.RawMessage) (int, error) {
	var text string
	if json.Unmarshal(raw, &text) == nil {
		if text == "off" {
			return GOGCOff, nil
		}
		return 0, fmt.Errorf(`"gogc" must be an integer from 1 to %d or "off", got %s`, maxGOGC, raw)
	}
	value, err := parseInteger(raw, "gogc", 1, maxGOGC)
	if err != nil {
		return 0, fmt.Errorf(`%v (or "off")`, err)
	}
	return int(value), nil
}

func parseMemoryLimit(raw json.RawMessage) (int64, error) {
	if isNull(raw) {
		return 0, nil
	}
	value, err := parseInteger(raw, "memoryLimitBytes", 1, maxSafeInteger)
	if err != nil {
		return 0, fmt.Errorf("%v (or null for no limit)", err)
	}
	return value, nil
}

func parseGrayRatio(raw json.RawMessage) (*float64, error) {
	if isNull(raw) {
		return nil, nil
	}
	var number json.Number
	if err := json.Unmarshal(raw, &number); err != nil {
		return nil, fmt.Errorf(`"grayRatio" must be a number from 0 to 1 or null, got %s`, raw)
	}
	ratio, err := number.Float64()
	if err != nil || ratio < 0 || ratio > 1 {
		return nil, fmt.Errorf(`"grayRatio" must be a number from 0 to 1 or null, got %s`, raw)
	}
	return &ratio, nil
}

func parseCustom(raw json.RawMessage) (map[string]string, error) {
	var custom map[string]string
	if err := json.Unmarshal(raw, &custom); err != nil || custom == nil {
		return nil, fmt.Errorf(`"custom" must be an object of string values, got %s`, abbreviate(raw))
	}
	return custom, nil
}

// parseInteger accepts integral JSON numbers (1e9 included, as JavaScript writes them) in [min, max].
func parseInteger(raw json.RawMessage, name string, min, max int64) (int64, error) {
	outOfRange := fmt.Errorf("%q must be an integer from %d to %d, got %s", name, min, max, abbreviate(raw))
	var number json.Number
	if err := json.Unmarshal(raw, &number); err != nil {
		return 0, outOfRange
	}
	value, err := strconv.ParseInt(number.String(), 10, 64)
	if err != nil {
		float, floatErr := number.Float64()
		if floatErr != nil || float != math.Trunc(float) || math.Abs(float) > maxSafeInteger {
			return 0, outOfRange
		}
		value = int64(float)
	}
	if value < min || value > max {
		return 0, outOfRange
	}
	return value, nil
}

func isNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}

func abbreviate(raw json.RawMessage) string {
	text := string(raw)
	if len(text) > 60 {
		return text[:57] + "..."
	}
	return text
}

// MarshalJSON writes the config in the console's shape: "off" for GOGCOff, null for no memory
// limit or gray ratio, and custom keys in sorted order so equal configs give equal bytes.
func (config Config) MarshalJSON() ([]byte, error) {
	var out strings.Builder
	out.WriteString(`{"gogc":`)
	if config.GOGC == GOGCOff {
		out.WriteString(`"off"`)
	} else {
		out.WriteString(strconv.Itoa(config.GOGC))
	}
	out.WriteString(`,"memoryLimitBytes":`)
	if config.MemoryLimitBytes > 0 {
		out.WriteString(strconv.FormatInt(config.MemoryLimitBytes, 10))
	} else {
		out.WriteString("null")
	}
	out.WriteString(`,"gomaxprocs":`)
	out.WriteString(strconv.Itoa(config.GOMAXPROCS))
	out.WriteString(`,"grayRatio":`)
	if config.GrayRatio != nil {
		out.WriteString(strconv.FormatFloat(*config.GrayRatio, 'g', -1, 64))
	} else {
		out.WriteString("null")
	}
	out.WriteString(`,"custom":{`)
	keys := make([]string, 0, len(config.Custom))
	for key := range config.Custom {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for index, key := range keys {
		if index > 0 {
			out.WriteByte(',')
		}
		name, _ := json.Marshal(key)
		value, _ := json.Marshal(config.Custom[key])
		out.Write(name)
		out.WriteByte(':')
		out.Write(value)
	}
	out.WriteString("}}")
	return []byte(out.String()), nil
}
