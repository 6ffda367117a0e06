-- dossiers.online, as-of: every statement it runs, in order
-- params: {}
SELECT count() AS inserts, min(first_ingested_at) AS first FROM test.event_store_start;

-- params: {"agency":"000.00.01.H12","as_of":"2026-03-20 10:00:00.000","bucket_froms":["2026-03-01"],"bucket_tos":["2026-03-31"],"corrections":"0","field":"","from":"2026-03-01","instants":["2026-03-20 10:00:00.000"],"procedure":"","snapshot_build":"0","structure":"reported","to":"2026-03-31"}
WITH (SELECT argMax(publication, (pg_revision, publication)) FROM test.catalogue_publications)
   AS publication_in_use SELECT 1 AS bucket, '' AS grp,
                sumIf(row.weight, row.class = 'online' AND true) AS numerator,
                sumIf(row.weight, true) AS denominator
         FROM (
        SELECT anchor, day, until, agency_code, procedure_code, class, toInt64(1) AS weight
        FROM (SELECT entry.1 AS anchor, entry.2 AS day, entry.3 AS until, agency_code, procedure_code, entry.4 AS class
    FROM (SELECT *, ('received', received_date, received_date, toString(channel)) AS entry FROM (SELECT source, dossier_code, received_at, received_date, channel, agency_code, procedure_code, due_at, due_date, resolved_at, resolved_date, closed_at, closed_date, returned_at, returned_date, return_channel, paid_at, paid_date, payment_method FROM (SELECT source, dossier_code, tupleElement(intake, 1) AS received_at, toDate32(tupleElement(intake, 1), 'Asia/Ho_Chi_Minh') AS received_date, tupleElement(intake, 3) AS channel, tupleElement(intake, 4) AS agency_code, tupleElement(intake, 5) AS procedure_code, tupleElement(due, 2) AS due_at, toDate32(tupleElement(due, 2), 'Asia/Ho_Chi_Minh') AS due_date, resolved_at, toDate32(resolved_at, 'Asia/Ho_Chi_Minh') AS resolved_date, closed_at, toDate32(closed_at, 'Asia/Ho_Chi_Minh') AS closed_date, tupleElement(returned, 1) AS returned_at, toDate32(tupleElement(returned, 1), 'Asia/Ho_Chi_Minh') AS returned_date, tupleElement(returned, 2) AS return_channel, tupleElement(paid, 1) AS paid_at, toDate32(tupleElement(paid, 1), 'Asia/Ho_Chi_Minh') AS paid_date, tupleElement(paid, 2) AS payment_method FROM (SELECT source, dossier_code, max(intake) AS intake, max(due) AS due, min(resolved_at) AS resolved_at,
                 min(closed_at) AS closed_at, min(returned) AS returned, min(paid) AS paid
          FROM test.dossier_event_facts WHERE ingested_at <= {as_of:DateTime64(3, 'UTC')}
          GROUP BY source, dossier_code) WHERE tupleElement(intake, 2) = 'received')))
    WHERE entry.2 <= entry.3)
        WHERE (anchor = 'received' AND day BETWEEN {from:Date32} AND {to:Date32})) AS row
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

-- params: {"agency":"000.00.01.H12","as_of":"2026-03-20 10:00:00.000","bucket_froms":["2026-03-01"],"bucket_tos":["2026-03-31"],"corrections":"0","field":"","from":"2026-03-01","instants":["2026-03-20 10:00:00.000"],"procedure":"","snapshot_build":"0","structure":"reported","to":"2026-03-31"}
WITH (SELECT argMax(publication, (pg_revision, publication)) FROM test.catalogue_publications)
   AS publication_in_use SELECT events AS late FROM (
      SELECT toInt64(count()) AS events FROM (
      SELECT source, dossier_code, min(occurred_at) AS occurred, min(ingested_at) AS first_ingested_at
      FROM test.dossier_event_facts
      WHERE (source, dossier_code, event_id) IN (
      SELECT source, dossier_code, event_id FROM test.late_arrivals
      WHERE occurred_date BETWEEN {from:Date32} AND {to:Date32} AND toDate32(ingested_at, 'Asia/Ho_Chi_Minh') > {to:Date32} AND ingested_at <= {as_of:DateTime64(3, 'UTC')}) AND ingested_at <= {as_of:DateTime64(3, 'UTC')}
      GROUP BY source, dossier_code, event_id)
      WHERE toDate32(occurred, 'Asia/Ho_Chi_Minh') BETWEEN {from:Date32} AND {to:Date32}
                  AND toDate32(first_ingested_at, 'Asia/Ho_Chi_Minh') > {to:Date32} AND (source, dossier_code) IN (
      SELECT row.source, row.dossier_code FROM (SELECT source, dossier_code, received_at, received_date, channel, agency_code, procedure_code, due_at, due_date, resolved_at, resolved_date, closed_at, closed_date, returned_at, returned_date, return_channel, paid_at, paid_date, payment_method FROM (SELECT source, dossier_code, tupleElement(intake, 1) AS received_at, toDate32(tupleElement(intake, 1), 'Asia/Ho_Chi_Minh') AS received_date, tupleElement(intake, 3) AS channel, tupleElement(intake, 4) AS agency_code, tupleElement(intake, 5) AS procedure_code, tupleElement(due, 2) AS due_at, toDate32(tupleElement(due, 2), 'Asia/Ho_Chi_Minh') AS due_date, resolved_at, toDate32(resolved_at, 'Asia/Ho_Chi_Minh') AS resolved_date, closed_at, toDate32(closed_at, 'Asia/Ho_Chi_Minh') AS closed_date, tupleElement(returned, 1) AS returned_at, toDate32(tupleElement(returned, 1), 'Asia/Ho_Chi_Minh') AS returned_date, tupleElement(returned, 2) AS return_channel, tupleElement(paid, 1) AS paid_at, toDate32(tupleElement(paid, 1), 'Asia/Ho_Chi_Minh') AS paid_date, tupleElement(paid, 2) AS payment_method FROM (SELECT source, dossier_code, max(intake) AS intake, max(due) AS due, min(resolved_at) AS resolved_at,
                 min(closed_at) AS closed_at, min(returned) AS returned, min(paid) AS paid
          FROM test.dossier_event_facts WHERE ingested_at <= {as_of:DateTime64(3, 'UTC')} AND (source, dossier_code) IN (SELECT source, dossier_code FROM (
      SELECT source, dossier_code, event_id FROM test.late_arrivals
      WHERE occurred_date BETWEEN {from:Date32} AND {to:Date32} AND toDate32(ingested_at, 'Asia/Ho_Chi_Minh') > {to:Date32} AND ingested_at <= {as_of:DateTime64(3, 'UTC')}))
          GROUP BY source, dossier_code) WHERE tupleElement(intake, 2) = 'received')) AS row
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
