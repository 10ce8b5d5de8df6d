-- The kept figures' state (figures_state: the last refresh, the highest
-- batch it includes, the digest of the settings it used) beside what the
-- figures must match now: the highest loaded batch and the digest of the
-- figure settings of this session — the hourly rates (costs), the
-- holidays and the office hours (lead times in working days, after
-- hours). The other settings (channels' unit costs, baselines, cash
-- shares, targets) are applied by the readers, so a change to them
-- rebuilds nothing.
SELECT (SELECT max(gen) FROM figures_state),
       (SELECT max(upto_batch) FROM figures_state),
       (SELECT max(digest) FROM figures_state),
       (SELECT coalesce(max(batch_id), 0) FROM batches WHERE status = 'loaded'),
       md5(concat_ws('|',
           coalesce((SELECT string_agg(concat_ws(',', role, org, valid_from, valid_to, rate), ';'
                                       ORDER BY role, org, valid_from) FROM cfg_rates), ''),
           coalesce((SELECT string_agg(CAST(day AS VARCHAR), ',' ORDER BY day) FROM cfg_holidays), ''),
           CAST(getvariable('office_start') AS VARCHAR),
           CAST(getvariable('office_end') AS VARCHAR)));
