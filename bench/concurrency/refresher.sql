-- The scheduled refresh, as often as it can.
SELECT count(*) FROM tb.tb_refresh(1);
