-- dossiers.on_time, live: every statement it runs, in order
-- params: {}
SELECT toString(build_id) AS id, toString(watermark) AS watermark FROM (SELECT build_id, watermark FROM test.dossier_snapshot_builds ORDER BY watermark DESC LIMIT 1);

-- params: {}
SELECT count() AS inserts, min(first_ingested_at) AS first FROM test.event_store_start;

-- params: {"agency":"000.00.01.H12","as_of":"1970-01-01 00:00:00.000","bucket_froms":["2026-03-01"],"bucket_tos":["2026-03-31"],"corrections":"0","field":"","from":"2026-03-01","instants":["2026-03-20 10:00:00.000"],"procedure":"","snapshot_build":"0","structure":"reported","to":"2026-03-31"}
WITH (SELECT argMax(publication, (pg_revision, publication)) FROM test.catalogue_publications)
   AS publication_in_use SELECT bucket, grp,
              sum(early_count) + sum(on_time_count) AS numerator,
              sum(early_count) + sum(on_time_count) + sum(late_count) + sum(overdue_open_count) AS denominator,
              sum(early_count) AS early, sum(on_time_count) AS onTime, sum(late_count) AS late,
              sum(overdue_open_count) AS overdueOpen
       FROM (
         SELECT bucket, '' AS grp,
                sumIf(row.weight, row.anchor = 'resolved' AND row.class = 'early') AS early_count,
                sumIf(row.weight, row.anchor = 'resolved' AND row.class = 'on_time') AS on_time_count,
                sumIf(row.weight, row.anchor = 'resolved' AND row.class = 'late') AS late_count,
                sumIf(row.weight, row.anchor = 'overdue_open') AS overdue_open_count
         FROM (
        SELECT anchor, day, until, agency_code, procedure_code, class, toInt64(1) AS weight
        FROM (SELECT entry.1 AS anchor, entry.2 AS day, entry.3 AS until, agency_code, procedure_code, entry.4 AS class
    FROM (SELECT *, entry FROM (SELECT source, dossier_code, tupleElement(intake, 1) AS received_at, toDate32(tupleElement(intake, 1), 'Asia/Ho_Chi_Minh') AS received_date, tupleElement(intake, 3) AS channel, tupleElement(intake, 4) AS agency_code, tupleElement(intake, 5) AS procedure_code, tupleElement(due, 2) AS due_at, toDate32(tupleElement(due, 2), 'Asia/Ho_Chi_Minh') AS due_date, resolved_at, toDate32(resolved_at, 'Asia/Ho_Chi_Minh') AS resolved_date, closed_at, toDate32(closed_at, 'Asia/Ho_Chi_Minh') AS closed_date, tupleElement(returned, 1) AS returned_at, toDate32(tupleElement(returned, 1), 'Asia/Ho_Chi_Minh') AS returned_date, tupleElement(returned, 2) AS return_channel, tupleElement(paid, 1) AS paid_at, toDate32(tupleElement(paid, 1), 'Asia/Ho_Chi_Minh') AS paid_date, tupleElement(paid, 2) AS payment_method FROM test.dossier_state FINAL WHERE tupleElement(intake, 2) = 'received' ) ARRAY JOIN [('resolved', resolved_date, resolved_date, multiIf(resolved_date < due_date, 'early', resolved_date = due_date, 'on_time', 'late')), ('overdue_open', if(due_date < least(resolved_date, closed_date), greatest(received_date, due_date + 1), toDate32('2299-12-31')), if(due_date < least(resolved_date, closed_date), least(resolved_date, closed_date) - 1, toDate32('1900-01-01')), '')] AS entry)
    WHERE entry.2 <= entry.3)
        WHERE (anchor = 'resolved' AND day BETWEEN {from:Date32} AND {to:Date32}) OR (anchor = 'overdue_open' AND day <= {to:Date32} AND until >= {from:Date32})) AS row
         -- A resolution counts in the bucket of its day; a span open past due in each bucket whose last day it holds.
         ARRAY JOIN if(row.anchor = 'resolved', [1], arrayFilter(
           index -> row.day <= {bucket_tos:Array(Date32)}[index] AND row.until >= {bucket_tos:Array(Date32)}[index],
           arrayEnumerate({bucket_tos:Array(Date32)}))) AS bucket
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
         GROUP BY bucket, grp
       )
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
