package agent

import (
	"strings"
	"testing"
)

func TestParseConfigReadsTheConsolesShape(t *testing.T) {
	config, err := ParseConfig([]byte(`{"gogc":200,"memoryLimitBytes":1e9,"gomaxprocs":4,` +
		`"grayRatio":0.25,"custom":{"feature.x":"on"},"ignored":true}`))
	if err != nil {
		t.Fatal(err)
	}
	if config.GOGC != 200 || config.MemoryLimitBytes != 1_000_000_000 || config.GOMAXPROCS != 4 {
		t.Fatalf("runtime settings: got %+v", config)
	}
	if config.GrayRatio == nil || *config.GrayRatio != 0.25 || config.Custom["feature.x"] != "on" {
		t.Fatalf("config-centre keys: got %+v", config)
	}
}

func TestParseConfigReadsOffAndNulls(t *testing.T) {
	config, err := ParseConfig([]byte(`{"gogc":"off","memoryLimitBytes":null,"gomaxprocs":1,"grayRatio":null,"custom":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	if config.GOGC != GOGCOff || config.MemoryLimitBytes != 0 || config.GrayRatio != nil || config.Custom == nil {
		t.Fatalf("got %+v", config)
	}
}

func TestParseConfigNamesTheFieldThatIsWrong(t *testing.T) {
	valid := map[string]string{
		"gogc": "100", "memoryLimitBytes": "null", "gomaxprocs": "2", "grayRatio": "null", "custom": "{}",
	}
	cases := []struct {
		field, value, want string
	}{
		{"gogc", "0", `"gogc" must be an integer from 1 to 100000, got 0 (or "off")`},
		{"gogc", `"on"`, `"gogc" must be an integer from 1 to 100000 or "off", got "on"`},
		{"gogc", "150.5", `"gogc" must be an integer`},
		{"memoryLimitBytes", "-5", `"memoryLimitBytes" must be an integer from 1 to`},
		{"memoryLimitBytes", `"1GiB"`, `"memoryLimitBytes" must be an integer`},
		{"gomaxprocs", "2000", `"gomaxprocs" must be an integer from 1 to 1024, got 2000`},
		{"gomaxprocs", "null", `"gomaxprocs" must be an integer`},
		{"grayRatio", "1.5", `"grayRatio" must be a number from 0 to 1 or null, got 1.5`},
		{"custom", `{"a":1}`, `"custom" must be an object of string values`},
		{"custom", `null`, `"custom" must be an object of string values`},
	}
	for _, c := range cases {
		fields := []string{}
		for _, name := range requiredFields {
			value := valid[name]
			if name == c.field {
				value = c.value
			}
			fields = append(fields, `"`+name+`":`+value)
		}
		_, err := ParseConfig([]byte("{" + strings.Join(fields, ",") + "}"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s=%s: got error %v, want it to contain %q", c.field, c.value, err, c.want)
		}
	}
}

func TestParseConfigRefusesMissingFieldsAndNonObjects(t *testing.T) {
	cases := map[string]string{
		`{"gogc":100}`:    `"memoryLimitBytes" is missing`,
		`null`:            "not a JSON object",
		`[1,2]`:           "not a JSON object",
		`{"gogc":100`:     "not a JSON object",
		`{} {}`:           "extra data",
		`not json at all`: "not a JSON object",
	}
	for input, want := range cases {
		_, err := ParseConfig([]byte(input))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got error %v, want it to contain %q", input, err, want)
		}
	}
}

func TestConfigJSONRoundTripsInCanonicalOrder(t *testing.T) {
	ratio := 0.1
	config := Config{GOGC: GOGCOff, MemoryLimitBytes: 512 << 20, GOMAXPROCS: 3, GrayRatio: &ratio,
		Custom: map[string]string{"z": "last", "a": `quote " and \ backslash`}}
	data, err := config.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"gogc":"off","memoryLimitBytes":536870912,"gomaxprocs":3,"grayRatio":0.1,` +
		`"custom":{"a":"quote \" and \\ backslash","z":"last"}}`
	if string(data) != want {
		t.Fatalf("got  %s\nwant %s", data, want)
	}
	parsed, err := ParseConfig(data)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := parsed.MarshalJSON()
	if string(again) != want {
		t.Fatalf("round trip changed it: %s", again)
	}
}
