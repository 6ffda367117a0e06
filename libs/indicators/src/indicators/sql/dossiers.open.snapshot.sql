-- dossiers.open, snapshot: every statement it runs, in order
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
   AS publication_in_use SELECT bucket, '' AS grp,
              sumIf(row.weight, row.due_date < toDate(instant, 'Asia/Ho_Chi_Minh')) AS numerator, sum(row.weight) AS denominator,
              sumIf(row.weight, row.due_date < toDate(instant, 'Asia/Ho_Chi_Minh')) AS overdue,
              sumIf(row.weight, row.due_at >= instant AND row.due_at < instant + INTERVAL 24 HOUR) AS dueWithin24h
       FROM (
      SELECT received_at, received_date, agency_code, procedure_code, due_at, due_date, resolved_at, resolved_date, closed_at, closed_date, toInt64(1) AS weight FROM test.dossier_snapshot WHERE build_id = {snapshot_build:UInt64}
    ) AS row
       ARRAY JOIN {instants:Array(DateTime64(3, 'UTC'))} AS instant, arrayEnumerate({instants:Array(DateTime64(3, 'UTC'))}) AS bucket
       WHERE row.received_at <= arrayMax({instants:Array(DateTime64(3, 'UTC'))})
         AND row.received_date <= toDate32(arrayMax({instants:Array(DateTime64(3, 'UTC'))}), 'Asia/Ho_Chi_Minh')
         AND row.resolved_at > arrayMin({instants:Array(DateTime64(3, 'UTC'))})
         AND row.closed_at > arrayMin({instants:Array(DateTime64(3, 'UTC'))})
         -- The same on the days: the snapshot is sorted by the first of them, and its received_date index prunes.
         AND least(row.resolved_date, row.closed_date) >= toDate32(arrayMin({instants:Array(DateTime64(3, 'UTC'))}), 'Asia/Ho_Chi_Minh')
         AND row.received_at <= instant AND row.resolved_at > instant AND row.closed_at > instant AND (
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
