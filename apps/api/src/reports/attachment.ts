/** Content-Disposition for a download (RFC 6266): an ASCII fallback name and the UTF-8 one. */
export const attachment = (filename: string) =>
  `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
