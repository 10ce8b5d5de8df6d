// Package bench generates the benchmark's data (SPEC §10, `make bench`):
// canonical submission and time CSVs of any size, streamed to disk,
// deterministic for a Shape. The runner that times gevinst against DuckDB
// is cmd/gevinst-bench; the crash-safety and concurrency tests of
// cmd/gevinst import the generator too. Standard library only.
package bench

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"time"
)

// Shape is what the generated data looks like. The zero value of each
// field takes the default below; the same Shape and Seed give the same
// bytes.
type Shape struct {
	// Submissions and TimeRows are the row counts of the two files.
	Submissions, TimeRows int64
	// Seed varies the data (default 1).
	Seed uint64
	// BadShare is the share of rows with a bad value (an unreadable date,
	// minutes out of range), which gevinst rejects; 0 for clean data, which
	// DuckDB's COPY needs.
	BadShare float64
	// IDPrefix prefixes submission and registration ids, so several
	// generated files can be told apart ("" for none).
	IDPrefix string
	// CasePrefix prefixes case ids (and the orphans' ids), so that the
	// time rows of one generated pair never link to the submissions of
	// another ("" for none).
	CasePrefix string
	// Start and Days place the data in time: submissions are received on
	// the Days days from Start, pooled time is worked on them (default
	// 2006-01-01 and 4 × 365 days: 2006-01 to 2009-12).
	Start time.Time
	Days  int
}

// start and days are s.Start and s.Days or their defaults.
func (s Shape) start() time.Time {
	if s.Start.IsZero() {
		return epoch
	}
	return s.Start
}

func (s Shape) days() int {
	if s.Days <= 0 {
		return spanDays
	}
	return s.Days
}

// LastMonth is the first day of the last month in which s's submissions
// are received.
func (s Shape) LastMonth() time.Time {
	last := s.start().AddDate(0, 0, s.days()-1)
	return time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// Month is the shape of one more month of data after s: submissions
// received in the month after s.LastMonth(), with their own ids and case
// ids (prefixed "M" and the month, e.g. "M201001-"), so that importing it
// adds to s's data and replaces none of it, the way a monthly export
// does.
func (s Shape) Month(submissions, timeRows int64) Shape {
	first := s.LastMonth().AddDate(0, 1, 0)
	prefix := "M" + first.Format("200601") + "-"
	return Shape{
		Submissions: submissions, TimeRows: timeRows, Seed: s.seed() + 1,
		IDPrefix: prefix, CasePrefix: prefix,
		Start: first, Days: first.AddDate(0, 1, -1).Day(),
	}
}

// Generated describes what a generator wrote.
type Generated struct {
	Path  string
	Rows  int64 // data rows, header not counted
	Bad   int64 // rows with a value gevinst rejects
	Bytes int64
}

// The generated world: two organisations, eight services, the three
// channels, 48 months (2006-01 to 2009-12).
var (
	orgs       = []string{"halden", "fredrikstad"}
	services   = []string{"barnehage", "byggesak", "sfo", "startlan", "bostotte", "skoleskyss", "renovasjon", "parkering"}
	channels   = []string{"paper", "eform", "integrated"}
	roles      = []string{"reception", "clerk", "case_officer", "archive"}
	activities = map[string][]string{
		"reception":    {"reception", "scanning"},
		"clerk":        {"rekeying", "reply"},
		"case_officer": {"casework", "reply"},
		"archive":      {"archiving"},
	}
	epoch     = time.Date(2006, 1, 1, 0, 0, 0, 0, time.UTC)
	spanDays  = 4 * 365
	employees = 400
)

// mix is a splitmix64 step: a pure function of (seed, stream, index), so
// a time row can recompute the submission it links to without keeping
// anything in memory.
func mix(seed, stream, i uint64) uint64 {
	z := seed*0x9E3779B97F4A7C15 ^ stream*0xD1B54A32D192ED03 ^ (i + 1)
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// unit is mix scaled to [0, 1).
func unit(seed, stream, i uint64) float64 {
	return float64(mix(seed, stream, i)>>11) / (1 << 53)
}

// submission is one generated submission.
type submission struct {
	org, service, channel string
	received              time.Time
	decided               time.Time // zero when undecided
	caseID                uint64    // 0 when none; shared by pairs
}

// sub computes submission i. Channels move from paper to integrated over
// the four years; 1 % of submissions share the case id of the one before.
func (s Shape) sub(i uint64) submission {
	seed := s.seed()
	var r submission
	r.org = orgs[mix(seed, 1, i)%uint64(len(orgs))]
	r.service = services[mix(seed, 2, i)%uint64(len(services))]
	day := int(mix(seed, 3, i) % uint64(s.days()))
	// Uptake: the later the day (in the four years from 2006), the
	// likelier a digital channel.
	progress := min(float64(s.start().AddDate(0, 0, day).Sub(epoch).Hours()/24)/float64(spanDays), 1)
	u := unit(seed, 4, i)
	switch {
	case u < 0.9-0.7*progress:
		r.channel = channels[0]
	case u < 0.95-0.3*progress:
		r.channel = channels[1]
	default:
		r.channel = channels[2]
	}
	sec := 6*3600 + int(mix(seed, 5, i)%(16*3600)) // 06:00–22:00
	r.received = s.start().AddDate(0, 0, day).Add(time.Duration(sec) * time.Second)
	if unit(seed, 6, i) < 0.85 {
		r.decided = r.received.Add(time.Duration(3600+mix(seed, 7, i)%(60*86400)) * time.Second)
	}
	if unit(seed, 8, i) < 0.95 {
		r.caseID = i + 1
		if i > 0 && unit(seed, 9, i) < 0.01 {
			r.caseID = i // shares the previous submission's case
		}
	}
	return r
}

func (s Shape) seed() uint64 {
	if s.Seed == 0 {
		return 1
	}
	return s.Seed
}

// csvFile is a buffered file the generators append rows to.
type csvFile struct {
	f   *os.File
	w   *bufio.Writer
	buf []byte
}

func create(path, header string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	c := &csvFile{f: f, w: bufio.NewWriterSize(f, 1<<20)}
	_, err = c.w.WriteString(header + "\n")
	return c, err
}

func (c *csvFile) close(path string, rows, bad int64) (Generated, error) {
	if err := c.w.Flush(); err != nil {
		c.f.Close()
		return Generated{}, fmt.Errorf("write %s: %w", path, err)
	}
	st, err := c.f.Stat()
	if err != nil {
		c.f.Close()
		return Generated{}, err
	}
	if err := c.f.Close(); err != nil {
		return Generated{}, fmt.Errorf("write %s: %w", path, err)
	}
	return Generated{Path: path, Rows: rows, Bad: bad, Bytes: st.Size()}, nil
}

const timestampLayout = "2006-01-02 15:04:05"

// WriteSubmissions streams s.Submissions canonical submission rows (SPEC
// §2.1) to path: org, submission_id, service, channel, received_at,
// decided_at, case_id.
func WriteSubmissions(path string, s Shape) (Generated, error) {
	c, err := create(path, "org,submission_id,service,channel,received_at,decided_at,case_id")
	if err != nil {
		return Generated{}, err
	}
	var bad int64
	for i := uint64(0); i < uint64(s.Submissions); i++ {
		r := s.sub(i)
		b := c.buf[:0]
		b = append(b, r.org...)
		b = append(b, ',')
		b = append(b, s.IDPrefix...)
		b = append(b, 'S')
		b = strconv.AppendUint(b, i+1, 10)
		b = append(b, ',')
		b = append(b, r.service...)
		b = append(b, ',')
		b = append(b, r.channel...)
		b = append(b, ',')
		if s.BadShare > 0 && unit(s.seed(), 10, i) < s.BadShare {
			b = append(b, "31.13.2008"...) // not a date: a reject
			bad++
		} else {
			b = r.received.AppendFormat(b, timestampLayout)
		}
		b = append(b, ',')
		if !r.decided.IsZero() {
			b = r.decided.AppendFormat(b, timestampLayout)
		}
		b = append(b, ',')
		if r.caseID > 0 {
			b = append(b, s.CasePrefix...)
			b = append(b, 'C')
			b = strconv.AppendUint(b, r.caseID, 10)
		}
		b = append(b, '\n')
		c.buf = b
		if _, err := c.w.Write(b); err != nil {
			c.f.Close()
			return Generated{}, fmt.Errorf("write %s: %w", path, err)
		}
	}
	return c.close(path, s.Submissions, bad)
}

// WriteTime streams s.TimeRows canonical time registrations (SPEC §2.2)
// to path: registration_id, org, employee, role, work_date, minutes,
// case_id, service, channel, activity. 82 % are case-linked to one of the
// s.Submissions submissions (in its org, within 30 days of its receipt),
// 2 % carry a case id that matches none (orphans), 8 % are pooled with
// service and channel, 5 % with a service only, 3 % are unattributable.
func WriteTime(path string, s Shape) (Generated, error) {
	c, err := create(path, "registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity")
	if err != nil {
		return Generated{}, err
	}
	seed := s.seed()
	var bad int64
	for j := uint64(0); j < uint64(s.TimeRows); j++ {
		role := roles[mix(seed, 20, j)%uint64(len(roles))]
		acts := activities[role]
		activity := acts[mix(seed, 21, j)%uint64(len(acts))]
		var org, service, channel, caseID string
		var day time.Time
		u := unit(seed, 22, j)
		switch {
		case u < 0.82 && s.Submissions > 0:
			i := mix(seed, 23, j) % uint64(s.Submissions)
			sub := s.sub(i)
			for sub.caseID == 0 { // the next one with a case id
				i = (i + 1) % uint64(s.Submissions)
				sub = s.sub(i)
			}
			org, caseID = sub.org, s.CasePrefix+"C"+strconv.FormatUint(sub.caseID, 10)
			day = sub.received.AddDate(0, 0, int(mix(seed, 24, j)%31))
		default:
			org = orgs[mix(seed, 25, j)%uint64(len(orgs))]
			day = s.start().AddDate(0, 0, int(mix(seed, 26, j)%uint64(s.days())))
			switch {
			case u < 0.84:
				caseID = s.CasePrefix + "X" + strconv.FormatUint(j, 10) // an orphan
			case u < 0.92:
				service = services[mix(seed, 27, j)%uint64(len(services))]
				channel = channels[mix(seed, 28, j)%uint64(len(channels))]
			case u < 0.97:
				service = services[mix(seed, 27, j)%uint64(len(services))]
			}
		}
		// Minutes: 1–120 in half minutes.
		minutes := float64(2+mix(seed, 29, j)%239) / 2
		isBad := s.BadShare > 0 && unit(seed, 30, j) < s.BadShare
		if isBad {
			minutes = 2000 // over a day: a reject
			bad++
		}
		b := c.buf[:0]
		b = append(b, s.IDPrefix...)
		b = append(b, 'R')
		b = strconv.AppendUint(b, j+1, 10)
		b = append(b, ',')
		b = append(b, org...)
		b = append(b, ",E"...)
		b = strconv.AppendUint(b, mix(seed, 31, j)%uint64(employees), 10)
		b = append(b, ',')
		b = append(b, role...)
		b = append(b, ',')
		b = day.AppendFormat(b, "2006-01-02")
		b = append(b, ',')
		b = strconv.AppendFloat(b, minutes, 'f', -1, 64)
		b = append(b, ',')
		b = append(b, caseID...)
		b = append(b, ',')
		b = append(b, service...)
		b = append(b, ',')
		b = append(b, channel...)
		b = append(b, ',')
		b = append(b, activity...)
		b = append(b, '\n')
		c.buf = b
		if _, err := c.w.Write(b); err != nil {
			c.f.Close()
			return Generated{}, fmt.Errorf("write %s: %w", path, err)
		}
	}
	return c.close(path, s.TimeRows, bad)
}
