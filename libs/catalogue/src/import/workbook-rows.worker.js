// Reads an XLSX workbook's cells off the request thread, as a stream, within limits (workbook-limits.ts runs
// it). Plain JavaScript so it loads in a worker from the sources and from dist alike. Posts one message:
// { sheets: [{ name, rows: [{ row, values: [[column, value], ...] }] }] } in workbook order, or { exceeded },
// or { error }.
/* eslint-disable @typescript-eslint/no-require-imports -- a worker loads this file as it is, CommonJS */
const { Buffer } = require('node:buffer');
const { parentPort, workerData } = require('node:worker_threads');
const { Readable } = require('node:stream');
const { stream, Workbook } = require('exceljs');

async function read({ content, maxRows, maxCells }) {
  const reader = new stream.xlsx.WorkbookReader(Readable.from([Buffer.from(content)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date from a number.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = [];
  let rows = 0;
  let cells = 0;
  for await (const worksheet of reader) {
    const sheet = { id: String(worksheet.id), rows: [] };
    sheets.push(sheet);
    for await (const row of worksheet) {
      if (++rows > maxRows) return { exceeded: 'rows' };
      const values = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        values.push([column, cell.value]);
      });
      cells += values.length;
      if (cells > maxCells) return { exceeded: 'cells' };
      if (values.length) sheet.rows.push({ row: row.number, values });
    }
  }
  // The stream reader names sheets Sheet1, Sheet2...: the names and their order are in workbook.xml.
  const order = (reader.model && reader.model.sheets) || [];
  const targetOf = (rId) => ((reader.workbookRels || []).find((rel) => rel.Id === rId) || {}).Target || '';
  const named = order.map((entry) => {
    const id = /sheet(\d+)\.xml$/.exec(targetOf(entry.rId));
    const sheet = id && sheets.find((candidate) => candidate.id === id[1]);
    return sheet ? { name: entry.name, rows: sheet.rows } : null;
  });
  return { sheets: named.filter(Boolean) };
}

/**
 * exceljs's stream reader fails ("reading 'sheets'") when it reaches a worksheet before it has parsed
 * workbook.xml, which depends on the zip's entry order and on timing. Then the workbook is read whole, still in
 * this worker: its heap is capped and its unzipped size was checked before, and the same row and cell limits hold.
 */
async function readWhole({ content, maxRows, maxCells }) {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(content));
  const sheets = [];
  let rows = 0;
  let cells = 0;
  for (const worksheet of workbook.worksheets) {
    const sheet = { name: worksheet.name, rows: [] };
    sheets.push(sheet);
    let exceeded = null;
    worksheet.eachRow({ includeEmpty: false }, (row) => {
      if (exceeded) return;
      if (++rows > maxRows) exceeded = 'rows';
      const values = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        values.push([column, cell.value]);
      });
      cells += values.length;
      if (cells > maxCells) exceeded = 'cells';
      if (values.length) sheet.rows.push({ row: row.number, values });
    });
    if (exceeded) return { exceeded };
  }
  return { sheets };
}

async function readEither(data) {
  try {
    return await read(data);
  } catch (error) {
    if (error instanceof TypeError && /reading 'sheets'/.test(error.message)) return readWhole(data);
    throw error;
  }
}

// Stay alive after replying until the reader terminates this worker, so the reply is never raced by an exit.
parentPort.on('message', () => undefined);
readEither(workerData).then(
  (result) => parentPort.postMessage(result),
  (error) => parentPort.postMessage({ error: String((error && error.message) || error) }),
);
