package model

import (
	"fmt"
	"reflect"
	"testing"
)

// filled returns an R whose every leaf field holds a value no other field
// holds (strings "f<n>", numbers n, valid nulls, maps and arrays keyed by
// the channels), so that a column reading the wrong field is seen.
func filled[R any](channels []string) R {
	var r R
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			switch x := v.Addr().Interface().(type) {
			case *Null:
				n++
				*x = Some(float64(n) + 0.5)
				return
			case *NullInt:
				n++
				*x = NullInt{Int64: int64(n), Valid: true}
				return
			case *NullBool:
				*x = NullBool{Bool: true, Valid: true}
				return
			}
			for i := 0; i < v.NumField(); i++ {
				fill(v.Field(i))
			}
		case reflect.String:
			n++
			v.SetString(fmt.Sprintf("f%d", n))
		case reflect.Int64:
			n++
			v.SetInt(int64(n))
		case reflect.Float64:
			n++
			v.SetFloat(float64(n) + 0.25)
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Array:
			for i := 0; i < v.Len(); i++ {
				fill(v.Index(i))
			}
		case reflect.Map:
			m := reflect.MakeMap(v.Type())
			for _, ch := range channels {
				e := reflect.New(v.Type().Elem()).Elem()
				fill(e)
				m.SetMapIndex(reflect.ValueOf(ch), e)
			}
			v.Set(m)
		}
	}
	fill(reflect.ValueOf(&r).Elem())
	return r
}

// leaves lists the values of every non-bool leaf field of r, maps by the
// channels in order.
func leaves(v reflect.Value, channels []string) []any {
	switch v.Kind() {
	case reflect.Struct:
		switch v.Interface().(type) {
		case Null, NullInt:
			return []any{v.Interface()}
		case NullBool:
			return nil
		}
		var out []any
		for i := 0; i < v.NumField(); i++ {
			out = append(out, leaves(v.Field(i), channels)...)
		}
		return out
	case reflect.Array:
		var out []any
		for i := 0; i < v.Len(); i++ {
			out = append(out, leaves(v.Index(i), channels)...)
		}
		return out
	case reflect.Map:
		var out []any
		for _, ch := range channels {
			out = append(out, v.MapIndex(reflect.ValueOf(ch)).Interface())
		}
		return out
	case reflect.Bool:
		return nil
	}
	return []any{v.Interface()}
}

// checkSchema asserts that s's names are unique, that each column's value
// has the declared kind, that every field of R reaches exactly one
// column (none forgotten, none read twice), and that the grain (the text
// columns before the first figure) is never suppressible.
func checkSchema[R any](t *testing.T, name string, s Schema[R], channels []string) {
	t.Helper()
	r := filled[R](channels)
	vals := s.Values(r)
	if len(vals) != len(s) {
		t.Fatalf("%s: %d values for %d columns", name, len(vals), len(s))
	}
	seen := map[string]bool{}
	for i, c := range s {
		if seen[c.Name] {
			t.Errorf("%s: column %q twice", name, c.Name)
		}
		seen[c.Name] = true
		var want Kind
		switch vals[i].(type) {
		case string, nil:
			want = Text
		case int64, NullInt:
			want = Count
		case float64, Null:
			want = Figure
		case bool, NullBool:
			want = Flag
		default:
			t.Errorf("%s.%s: value of type %T", name, c.Name, vals[i])
		}
		if c.Kind != want {
			t.Errorf("%s.%s: kind %d, value %#v", name, c.Name, c.Kind, vals[i])
		}
	}
	count := map[any]int{}
	for _, v := range vals {
		count[v]++
	}
	for _, f := range leaves(reflect.ValueOf(r), channels) {
		if count[f] != 1 {
			t.Errorf("%s: field value %#v is in %d columns, want 1", name, f, count[f])
		}
	}
}

func TestSchemasCoverEveryFieldOnce(t *testing.T) {
	chans := []string{"paper", "eform"}
	checkSchema(t, "MetricSchema", MetricSchema, nil)
	checkSchema(t, "BenefitSchema", BenefitSchema, nil)
	checkSchema(t, "RegisterSchema", RegisterSchema, nil)
	checkSchema(t, "ChangeSchema", ChangeSchema, nil)
	checkSchema(t, "RiskSchema", RiskSchema, nil)
	checkSchema(t, "EvaluationSchema", EvaluationSchema, nil)
	checkSchema(t, "ActivitySchema", ActivitySchema, nil)
	checkSchema(t, "MixSchema", MixSchema(chans), chans)
	checkSchema(t, "CompareSchema", CompareSchema(chans), chans)
}

func TestGrainNeverSuppressible(t *testing.T) {
	for name, cols := range map[string][]string{
		"metrics":  {"org", "service", "channel", "period"},
		"benefits": {"org", "service", "period"},
	} {
		s := map[string]Schema[MetricRow]{"metrics": MetricSchema}[name]
		if s == nil {
			for _, c := range BenefitSchema[:len(cols)] {
				if c.Suppressible {
					t.Errorf("benefits grain column %s is suppressible", c.Name)
				}
			}
			for _, c := range BenefitSchema[len(cols):] {
				if !c.Suppressible {
					t.Errorf("benefits figure %s is not suppressible", c.Name)
				}
			}
			continue
		}
		for i, c := range s {
			if (i < len(cols)) == c.Suppressible {
				t.Errorf("metrics column %s: suppressible %v", c.Name, c.Suppressible)
			}
		}
	}
}
