-- dossiers.open, live: every statement it runs, in order
-- params: {}
SELECT toString(build_id) AS id, toString(watermark) AS watermark FROM (SELECT build_id, watermark FROM test.dossier_snapshot_builds ORDER BY watermark DESC LIMIT 1);

-- params: {}
SELECT count() AS inserts, min(first_ingested_at) AS first FROM test.event_store_start;

-- params: {"agency":"000.00.01.H12","as_of":"1970-01-01 00:00:00.000","bucket_froms":["2026-03-01"],"bucket_tos":["2026-03-31"],"corrections":"0","field":"","from":"2026-03-01","instants":["2026-03-20 10:00:00.000"],"procedure":"","snapshot_build":"0","structure":"reported","to":"2026-03-31"}
WITH (SELECT argMax(publication, (pg_revision, publication)) FROM test.catalogue_publications)
   AS publication_in_use SELECT bucket, '' AS grp,
              sumIf(row.weight, row.due_date < toDate(instant, 'Asia/Ho_Chi_Minh')) AS numerator, sum(row.weight) AS denominator,
              sumIf(row.weight, row.due_date < toDate(instant, 'Asia/Ho_Chi_Minh')) AS overdue,
              sumIf(row.weight, row.due_at >= instant AND row.due_at < instant + INTERVAL 24 HOUR) AS dueWithin24h
       FROM (SELECT tupleElement(intake, 1) AS received_at, toDate32(tupleElement(intake, 1), 'Asia/Ho_Chi_Minh') AS received_date, tupleElement(intake, 4) AS agency_code, tupleElement(intake, 5) AS procedure_code, tupleElement(due, 2) AS due_at, toDate32(tupleElement(due, 2), 'Asia/Ho_Chi_Minh') AS due_date, resolved_at, toDate32(resolved_at, 'Asia/Ho_Chi_Minh') AS resolved_date, closed_at, toDate32(closed_at, 'Asia/Ho_Chi_Minh') AS closed_date, toInt8(1) AS weight FROM test.dossier_state FINAL WHERE tupleElement(intake, 2) = 'received' ) AS row
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

-- params: {"agency":"000.00.01.H12","as_of":"1970-01-01 00:00:00.000","bucket_froms":["2026-03-01"],"bucket_tos":["2026-03-31"],"corrections":"0","field":"","from":"2026-03-01","instants":["2026-03-20 10:00:00.000"],"procedure":"","snapshot_build":"0","structure":"reported","to":"2026-03-31"}
WITH (SELECT argMax(publication, (pg_revision, publication)) FROM test.catalogue_publications)
   AS publication_in_use SELECT events AS late FROM (
      SELECT toInt64(count()) AS events FROM (
      SELECT source, dossier_code, min(occurred_at) AS occurred, min(ingested_at) AS first_ingested_at
      FROM test.dossier_event_facts
      WHERE (source, dossier_code, event_id) IN (
      SELECT source, dossier_code, event_id FROM test.late_arrivals
      WHERE occurred_date BETWEEN {from:Date32} AND {to:Date32} AND toDate32(ingested_at, 'Asia/Ho_Chi_Minh') > {to:Date32} )
      GROUP BY source, dossier_code, event_id)
      WHERE toDate32(occurred, 'Asia/Ho_Chi_Minh') BETWEEN {from:Date32} AND {to:Date32}
                  AND toDate32(first_ingested_at, 'Asia/Ho_Chi_Minh') > {to:Date32} AND (source, dossier_code) IN (
      SELECT row.source, row.dossier_code FROM (SELECT source, dossier_code, tupleElement(intake, 1) AS received_at, toDate32(tupleElement(intake, 1), 'Asia/Ho_Chi_Minh') AS received_date, tupleElement(intake, 3) AS channel, tupleElement(intake, 4) AS agency_code, tupleElement(intake, 5) AS procedure_code, tupleElement(due, 2) AS due_at, toDate32(tupleElement(due, 2), 'Asia/Ho_Chi_Minh') AS due_date, resolved_at, toDate32(resolved_at, 'Asia/Ho_Chi_Minh') AS resolved_date, closed_at, toDate32(closed_at, 'Asia/Ho_Chi_Minh') AS closed_date, tupleElement(returned, 1) AS returned_at, toDate32(tupleElement(returned, 1), 'Asia/Ho_Chi_Minh') AS returned_date, tupleElement(returned, 2) AS return_channel, tupleElement(paid, 1) AS paid_at, toDate32(tupleElement(paid, 1), 'Asia/Ho_Chi_Minh') AS paid_date, tupleElement(paid, 2) AS payment_method FROM test.dossier_state FINAL WHERE tupleElement(intake, 2) = 'received' AND (source, dossier_code) IN (SELECT source, dossier_code FROM (
      SELECT source, dossier_code, event_id FROM test.late_arrivals
      WHERE occurred_date BETWEEN {from:Date32} AND {to:Date32} AND toDate32(ingested_at, 'Asia/Ho_Chi_Minh') > {to:Date32} ))) AS row
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
) AND true));
