-- No key is known to repeat while the fast load runs (gevinst_repeated is
-- false without a bitmap).
SET VARIABLE repeat_bits = NULL::BIT;
SET VARIABLE repeat_slots = NULL::BIGINT
