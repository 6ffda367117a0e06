-- dossiers.closed_without_result, snapshot: every statement it runs, in order
-- params: {}
SELECT toString(build_id) AS id, toString(watermark) AS watermark FROM (SELECT build_id, watermark FROM test.dossier_snapshot_builds ORDER BY watermark DESC LIMIT 1);

-- params: {"build":"11","watermark":"2026-03-15 00:00:00.000"}
SELECT toString(changes.touches) AS touches, toString(changes.touched_until) AS touched_until,
              toString(made.set_id) AS set_id
       FROM (
         SELECT count() AS touches, max(ingested_at) AS touched_until FROM test.dossier_touches
         WHERE ingested_at > {watermark:DateTime64(3, 'UTC')}
       ) AS changes
       LEFT JOIN (
         SELECT touches, touched_until, any(set_id) AS set_id FROM test.dossier_correction_sets
         WHERE build_id = {build:UInt64} AND created_at > now() - INTERVAL 600 SECOND
         GROUP BY touches, touched_until
       ) AS made ON made.touches = changes.touches AND made.touched_until = changes.touched_until;

-- params: {}
SELECT count() AS inserts, min(first_ingested_at) AS first FROM test.event_store_start;

-- params: {"agency":"000.00.01.H12","as_of":"1970-01-01 00:00:00.000","bucket_froms":["2026-03-01"],"bucket_tos":["2026-03-31"],"corrections":"0","field":"","from":"2026-03-01","instants":["2026-03-20 10:00:00.000"],"procedure":"","snapshot_build":"11","structure":"reported","to":"2026-03-31"}
WITH (SELECT argMax(publication, (pg_revision, publication)) FROM test.catalogue_publications)
   AS publication_in_use
  SELECT 1 AS bucket, '' AS grp,
         sum(row.weight) AS numerator, sum(row.weight) AS denominator
  FROM (
      SELECT anchor, day, until, agency_code, '' AS procedure_code, class, toInt64(dossiers) AS weight
      FROM test.dossier_agency_day_counts
      WHERE build_id = {snapshot_build:UInt64} AND ((anchor = 'closed' AND day BETWEEN {from:Date32} AND {to:Date32}))
    ) AS row
  WHERE (
  row.agency_code IN (
    SELECT agency_code FROM test.catalogue_agency_rollup
    WHERE publication = publication_in_use AND structure = {structure:String}
      AND ancestor_code = {agency:String}
  )
  OR (
    row.agency_code = {agency:String}
    AND {agency:String} NOT IN (SELECT code FROM test.catalogue_agencies WHERE publication = publication_in_use)
  )
) AND true
  GROUP BY bucket, grp;

-- params: {"agency":"000.00.01.H12","as_of":"1970-01-01 00:00:00.000","bucket_froms":["2026-03-01"],"bucket_tos":["2026-03-31"],"corrections":"0","field":"","from":"2026-03-01","instants":["2026-03-20 10:00:00.000"],"procedure":"","snapshot_build":"11","structure":"reported","to":"2026-03-31"}
WITH (SELECT argMax(publication, (pg_revision, publication)) FROM test.catalogue_publications)
   AS publication_in_use SELECT sum(events) AS late FROM (
         SELECT toInt64(sum(events)) AS events FROM test.late_event_counts AS known
         WHERE build_id = {snapshot_build:UInt64} AND occurred_date BETWEEN {from:Date32} AND {to:Date32} AND first_ingested_date > {to:Date32}
      AND (
  known.agency_code IN (
    SELECT agency_code FROM test.catalogue_agency_rollup
    WHERE publication = publication_in_use AND structure = {structure:String}
      AND ancestor_code = {agency:String}
  )
  OR (
    known.agency_code = {agency:String}
    AND {agency:String} NOT IN (SELECT code FROM test.catalogue_agencies WHERE publication = publication_in_use)
  )
) AND true
       );
