-- The fast import's repeated keys (the probe's part 'key') as a bitmap of
-- their hashes for gevinst_repeated, not a table to join: problems.sql
-- needs the file's order, which a join does not keep. A few other keys
-- share a bit and are checked one by one too, which costs time, not
-- correctness.
CREATE OR REPLACE TEMP TABLE repeated_keys AS SELECT h FROM probe WHERE part = 'key';
SET VARIABLE repeat_slots = (SELECT gevinst_repeat_slots(count(*)) FROM repeated_keys);
SET VARIABLE repeat_bits = (SELECT gevinst_repeat_bits(h) FROM repeated_keys);
