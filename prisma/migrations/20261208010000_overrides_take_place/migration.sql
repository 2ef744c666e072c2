-- An override without `replaces` used to add its user beside whoever the layers put on call. It now takes
-- that person's place, as in PagerDuty; `"add": true` asks for the old meaning. Stored overrides keep
-- meaning what they meant when they were saved: those without `replaces` (or `add`) get `"add": true`.
UPDATE "schedules" AS s
SET "definition" = jsonb_set(s."definition", '{overrides}', (
  SELECT jsonb_agg(
    CASE WHEN o ? 'add' OR (o ? 'replaces' AND o->'replaces' <> 'null'::jsonb) THEN o
         ELSE (o - 'replaces') || '{"add": true}'::jsonb END
    ORDER BY i)
  FROM jsonb_array_elements(s."definition"->'overrides') WITH ORDINALITY AS t(o, i)))
WHERE jsonb_typeof(s."definition"->'overrides') = 'array'
  AND jsonb_array_length(s."definition"->'overrides') > 0;
