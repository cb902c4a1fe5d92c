-- The scheduled refresh, as often as it can.
SELECT count(*) FROM quito.tb_refresh(1);
