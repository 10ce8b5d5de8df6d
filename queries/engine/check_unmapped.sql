-- SPEC §2, §9: a value of org, role, activity or service that the
-- source's value map for that column lacks (import.go, unmappedValues:
-- gevinst_unmapped lists them as written), one reject per value. Run
-- after the kind's checks, whose bad holds these rows too.
INSERT INTO stage_rejects
SELECT rn, line, u.column_name, u.raw_value,
       format('{} ''{}'' is not in {}.values.{} (add it there, or set {}.unmapped: keep)',
              u.column_name, u.raw_value, getvariable('source_key'), u.column_name, getvariable('source_key')),
       'value not in map'
FROM (SELECT rn, line,
             unnest(from_json(gevinst_unmapped, '[{"column_name": "VARCHAR", "raw_value": "VARCHAR"}]')) AS u
      FROM bad WHERE gevinst_unmapped IS NOT NULL);
