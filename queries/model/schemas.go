package model

// Schemas of the row types whose columns depend on the channel list, and
// of the activity rows.

// MixSchema describes the columns of a MixRow for the given channels: the
// grain, the total, one submissions_CHANNEL count per channel (Channel
// set) and the shares.
func MixSchema(channels []string) Schema[MixRow] {
	s := Schema[MixRow]{
		text("org", func(r MixRow) string { return r.Org }),
		text("service", func(r MixRow) string { return r.Service }),
		text("period", func(r MixRow) string { return r.Period }),
		count("submissions", func(r MixRow) int64 { return r.Submissions }),
	}
	for _, ch := range channels {
		c := count("submissions_"+ch, func(r MixRow) int64 { return r.ByChannel[ch] })
		c.Channel = ch
		s = append(s, c)
	}
	return append(s,
		figure("digital_share", UnitShare, func(r MixRow) Null { return r.DigitalShare }),
		figure("target_share", UnitShare, func(r MixRow) Null { return r.TargetShare }))
}

// CompareSchema describes the columns of a CompareRow for the given
// channels, one minutes_per_submission_CHANNEL column per channel.
func CompareSchema(channels []string) Schema[CompareRow] {
	s := Schema[CompareRow]{
		text("org", func(r CompareRow) string { return r.Org }),
		text("service", func(r CompareRow) string { return r.Service }),
		count("submissions", func(r CompareRow) int64 { return r.Submissions }),
		figure("digital_share", UnitShare, func(r CompareRow) Null { return r.DigitalShare }),
		figure("target_share", UnitShare, func(r CompareRow) Null { return r.TargetShare }),
	}
	for _, ch := range channels {
		c := figure("minutes_per_submission_"+ch, UnitMinutes, func(r CompareRow) Null { return r.MinutesPerSubmission[ch] })
		c.Channel = ch
		s = append(s, c)
	}
	return append(s,
		figure("hours_saved", "hours", func(r CompareRow) Null { return r.HoursSaved }),
		figure("hours_saved_per_1000", "hours", func(r CompareRow) Null { return r.HoursSavedPer1000 }))
}

// ActivitySchema describes the columns of an ActivityRow; the figures
// (minutes and employees) are suppressible.
var ActivitySchema = Schema[ActivityRow]{
	text("org", func(r ActivityRow) string { return r.Org }),
	text("service", func(r ActivityRow) string { return r.Service }),
	text("channel", func(r ActivityRow) string { return r.Channel }),
	text("period", func(r ActivityRow) string { return r.Period }),
	text("activity", func(r ActivityRow) string { return r.Activity }),
	text("role", func(r ActivityRow) string { return r.Role }),
	float("staff_minutes", UnitMinutes, func(r ActivityRow) float64 { return r.StaffMinutes }),
	count("employees", func(r ActivityRow) int64 { return r.Employees }),
}
