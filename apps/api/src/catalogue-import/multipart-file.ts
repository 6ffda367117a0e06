import busboy from 'busboy';
import { DomainError } from '@dvc/domain-errors';

export interface UploadedFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/**
 * The file of a browser's form upload (multipart/form-data, already read into `body`): the first file field,
 * whatever its name. A form without a file is a 400.
 */
export function fileOfMultipart(contentType: string, body: Buffer): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1 } });
    } catch (error) {
      reject(new DomainError('invalid', `cannot read the form upload: ${(error as Error).message}`));
      return;
    }
    let file: Promise<UploadedFile> | null = null;
    parser.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
      file = new Promise((done) => {
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () =>
          done({ fileName: info.filename ?? '', contentType: info.mimeType, content: Buffer.concat(chunks) }),
        );
      });
    });
    parser.on('error', (error: Error) =>
      reject(new DomainError('invalid', `cannot read the form upload: ${error.message}`)),
    );
    parser.on('close', () => {
      if (file) file.then(resolve, reject);
      else reject(new DomainError('invalid', 'the form upload holds no file: send the catalogue file in it'));
    });
    parser.end(body);
  });
}
