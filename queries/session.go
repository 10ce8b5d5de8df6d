package queries

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/engine"
)

// configure puts the parts of the configuration that SQL needs into the
// connection: DuckDB variables for scalars and temp tables (cfg_*) for
// lists, and creates the helper macros. Values always travel as parameters.
func (d *DB) configure(ctx context.Context, cfg *config.Config) error {
	start, _ := config.ParseClock(cfg.OfficeHours.Start)
	end, _ := config.ParseClock(cfg.OfficeHours.End)
	clock := func(dur time.Duration) string {
		return fmt.Sprintf("%02d:%02d:00", int(dur.Hours()), int(dur.Minutes())%60)
	}
	vars := []struct {
		name, expr string
		value      any
	}{
		{"config_org", "?", cfg.Org},
		{"default_org", "?", cfg.Org},
		{"time_zone", "?", cfg.TimeZone},
		{"channel_list", "?", strings.Join(cfg.Channels.List, ", ")},
		{"baseline_channel", "?", cfg.Channels.Baseline},
		{"target_channel", "?", cfg.Channels.Target},
		{"office_start", "CAST(? AS TIME)", clock(start)},
		{"office_end", "CAST(? AS TIME)", clock(end)},
		{"min_submissions", "CAST(? AS BIGINT)", cfg.Baseline.MinSubmissions},
		{"hours_per_fte", "CAST(? AS DOUBLE)", cfg.HoursPerFTE},
		{"costs_configured", "CAST(? AS BOOLEAN)", cfg.Costs.HasRates()},
		{"samples_per_batch", "CAST(? AS BIGINT)", 50},
	}
	for _, v := range vars {
		if err := engine.SetVariable(ctx, d.conn, v.name, v.expr, v.value); err != nil {
			return err
		}
	}
	if err := d.eng.Register(ctx); err != nil {
		return err
	}
	if _, err := d.conn.ExecContext(ctx, mustSQL("session.sql")); err != nil {
		return fmt.Errorf("%w: session macros: %w", ErrDatabase, err)
	}

	if _, err := d.conn.ExecContext(ctx, mustSQL("session_tables.sql")); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	for i, ch := range cfg.Channels.List {
		if _, err := d.conn.ExecContext(ctx, mustSQL("cfg_channel_insert.sql"),
			ch, i+1, cfg.Costs.ChannelUnitCosts[ch]); err != nil {
			return fmt.Errorf("%w: %w", ErrDatabase, err)
		}
	}
	// The same list as a variable, for row checks that must not join.
	if _, err := d.conn.ExecContext(ctx, mustSQL("cfg_channels_variable.sql")); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	for _, r := range cfg.Costs.RateSteps() {
		if _, err := d.conn.ExecContext(ctx, mustSQL("cfg_rate_insert.sql"), r.Role, r.Org, r.From, r.To, r.Rate); err != nil {
			return fmt.Errorf("%w: %w", ErrDatabase, err)
		}
	}
	for _, code := range sortedKeys(cfg.Services) {
		s := cfg.Services[code]
		var from, to any
		if s.BaselineWindow != nil {
			f, _ := config.ParseMonth(s.BaselineWindow.From)
			t, _ := config.ParseMonth(s.BaselineWindow.To)
			from, to = f, t
		}
		var cashFrom any
		if m, err := config.ParseMonth(s.CashFrom); err == nil {
			cashFrom = m
		}
		if _, err := d.conn.ExecContext(ctx, mustSQL("cfg_service_insert.sql"), code, "", from, to, s.CashShare, cashFrom); err != nil {
			return fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		for _, o := range s.Orgs {
			var from, to, share, cashFrom any
			if o.BaselineWindow != nil {
				from, _ = config.ParseMonth(o.BaselineWindow.From)
				to, _ = config.ParseMonth(o.BaselineWindow.To)
			}
			if o.CashShare != nil {
				share = *o.CashShare
			}
			if m, err := config.ParseMonth(o.CashFrom); err == nil {
				cashFrom = m
			}
			if _, err := d.conn.ExecContext(ctx, mustSQL("cfg_service_insert.sql"), code, o.Org, from, to, share, cashFrom); err != nil {
				return fmt.Errorf("%w: %w", ErrDatabase, err)
			}
		}
	}
	days := ClosedDays(cfg.OfficeHours)
	if len(days) > 0 {
		if _, err := d.conn.ExecContext(ctx, mustSQL("cfg_holidays_insert.sql"), strings.Join(days, ",")); err != nil {
			return fmt.Errorf("%w: holidays: %w", ErrDatabase, err)
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
