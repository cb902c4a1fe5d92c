------------------------------------------------------------------------------
-- Sensitivity: variance-based (Sobol') indices of a model's uncertain
-- inputs and the quasi-random design that estimates them (C,
-- src/sensitivity.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_sobol_design(n integer, k integer, seed bigint DEFAULT 1, shift boolean DEFAULT true)
RETURNS TABLE (sample integer, matrix text, input integer, u double precision)
AS 'MODULE_PATHNAME', 'tb_sobol_design' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.tb_sobol_design(integer, integer, bigint, boolean) IS
'The Saltelli design of n base rows (samples) and k inputs: for each sample its row of matrix A then of matrix B, one row per input with u in [0,1), the first and last k coordinates of the first n points of the 2k-dimensional Sobol'' sequence (Joe & Kuo 2008 direction numbers, point 0 the origin, as scipy.stats.qmc.Sobol unscrambled). With shift, each dimension is XORed with 32 seeded random bits (a random digital shift: a randomised sequence with the same balance over every power of 2 samples). Map u to each input''s range, evaluate the model on A, on B and on A with input i from B, and pass the outputs to tb_sobol_indices. n 1 to 2^24 (a power of 2 is best), k 1 to 128, 2 n k rows at most 100 million (54000 past the limits).';

CREATE FUNCTION @extschema@.tb_sobol_indices(f_a double precision[], f_b double precision[], f_ab double precision[],
    reps integer DEFAULT 1000, level double precision DEFAULT 0.95, seed bigint DEFAULT 1)
RETURNS TABLE (input integer, first_order double precision, first_order_lower double precision,
    first_order_upper double precision, total_effect double precision, total_lower double precision,
    total_upper double precision, first_order_se double precision, total_se double precision)
AS 'MODULE_PATHNAME', 'tb_sobol_indices' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION @extschema@.tb_sobol_indices(double precision[], double precision[], double precision[], integer, double precision, bigint) IS
'First-order and total-effect Sobol'' indices of each input from a model''s outputs on a Saltelli design of N base rows: f_a = f(A) and f_b = f(B), N values each, and f_ab = f(A_B^i) (A with column i from B), N x k values row by row or an N x k array. first_order = mean(f(B) (f(A_B^i) - f(A))) / V (Saltelli 2010), total_effect = mean((f(A) - f(A_B^i))^2) / 2 / V (Jansen 1999), V the variance of f over A and B together (divided by 2N). With reps > 0, a seeded bootstrap over the base rows gives each index''s percentile interval at level and standard error (NULL with reps 0; replicates without variance left out). reps 0 to 100,000, 0 < level < 1 (22023); NULL elements 22004, non-finite 22003, arrays that do not fit 2202E, no variance 22012; N up to 10 million, k up to 10,000, reps x k up to 10 million, reps x N x (k + 2) up to 2e10 (54000). Same seed, same result.';
