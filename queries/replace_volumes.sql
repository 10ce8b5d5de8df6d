-- SPEC §2.3: a later import of the same (org, service, channel, month)
-- replaces the earlier count.
DELETE FROM volumes v USING good g
WHERE v.org = g.org AND v.service = g.service AND v.channel = g.channel AND v.period = g.period;
