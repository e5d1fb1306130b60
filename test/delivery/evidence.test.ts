// Evidence uploads: the type sniffed from the content, 10 MiB at most, kept under its SHA-256 outside the
// served folders, and downloaded as an attachment by those who may see the case.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registered } from './fixtures/case-world.ts';
import { dialects, useDeliveryApp, type SignedIn } from './support.ts';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function multipart(filename: string, content: Buffer, declared = 'application/pdf') {
  const boundary = '----zhida-evidence-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${declared}\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function newCase(enterprise: SignedIn): Promise<string> {
  const response = await enterprise.inject({ method: 'POST', url: '/api/v1/applications', payload: { provision: 'hte-new', year: 2025 } });
  return response.json().application.id as string;
}

for (const dialect of dialects) {
  describe(`evidence on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);

    it('stores a PDF under its SHA-256 outside the served folders and serves it as an attachment to those who may see the case', async () => {
      const h = harness();
      const { enterprise } = await registered(h);
      const id = await newCase(enterprise);
      const upload = await enterprise.inject({ method: 'POST', url: `/api/v1/applications/${id}/evidence`, ...multipart('高企证书.pdf', PDF, 'image/png') });
      expect(upload.statusCode, upload.body).toBe(201);
      const sha256 = createHash('sha256').update(PDF).digest('hex');
      // The declared type (image/png) is ignored: the content is a PDF.
      expect(upload.json().evidence).toMatchObject({ filename: '高企证书.pdf', media_type: 'application/pdf', size_bytes: PDF.length, sha256, application_id: id });
      const stored = join(h.evidenceDir, sha256.slice(0, 2), sha256);
      expect(readFileSync(stored)).toEqual(PDF);
      expect(readdirSync(join(h.evidenceDir, 'tmp'))).toEqual([]);
      // The same content again is kept once.
      const again = await enterprise.inject({ method: 'POST', url: `/api/v1/applications/${id}/evidence`, ...multipart('copy.pdf', PDF) });
      expect(again.statusCode).toBe(201);
      expect(readdirSync(join(h.evidenceDir, sha256.slice(0, 2)))).toEqual([sha256]);

      const evidenceId = upload.json().evidence.id;
      const download = await enterprise.inject({ method: 'GET', url: `/api/v1/evidence/${evidenceId}` });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toMatch(/^attachment;/);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.rawPayload).toEqual(PDF);
      // The file is not reachable by its path: only the evidence route serves it.
      expect((await h.app.inject({ method: 'GET', url: `/${sha256.slice(0, 2)}/${sha256}` })).statusCode).not.toBe(200);
      const other = await registered(h);
      expect((await other.enterprise.inject({ method: 'GET', url: `/api/v1/evidence/${evidenceId}` })).statusCode).toBe(404);
      expect((await (await h.signIn('reviewer')).inject({ method: 'GET', url: `/api/v1/evidence/${evidenceId}` })).statusCode).toBe(404); // still a draft
      expect((await (await h.signIn('auditor')).inject({ method: 'GET', url: `/api/v1/evidence/${evidenceId}` })).statusCode).toBe(200);
      const detail = (await enterprise.inject({ method: 'GET', url: `/api/v1/applications/${id}` })).json();
      expect(detail.evidence.map((e: { sha256: string }) => e.sha256)).toEqual([sha256, sha256]);
    });

    it('refuses a wrong type (415) and a file over 10 MiB (413), writing nothing', async () => {
      const h = harness();
      const { enterprise } = await registered(h);
      const id = await newCase(enterprise);
      const count = async () => (await h.store.db.selectFrom('evidence').select('id').where('application_id', '=', id).execute()).length;
      const text = await enterprise.inject({ method: 'POST', url: `/api/v1/applications/${id}/evidence`, ...multipart('证书.pdf', Buffer.from('just some text, not a PDF')) });
      expect(text.statusCode).toBe(415);
      const pngNamedPdf = await enterprise.inject({ method: 'POST', url: `/api/v1/applications/${id}/evidence`, ...multipart('证书.pdf', PNG) });
      expect(pngNamedPdf.statusCode).toBe(415);
      expect(pngNamedPdf.json().error.message).toContain('PNG');
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
      const tooLarge = await enterprise.inject({ method: 'POST', url: `/api/v1/applications/${id}/evidence`, ...multipart('big.pdf', big) });
      expect(tooLarge.statusCode).toBe(413);
      expect(await count()).toBe(0);
      const tmp = join(h.evidenceDir, 'tmp');
      expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
      // A PNG under its own name is fine; another enterprise cannot upload to this case.
      expect((await enterprise.inject({ method: 'POST', url: `/api/v1/applications/${id}/evidence`, ...multipart('scan.png', PNG) })).json().evidence.media_type).toBe('image/png');
      const other = await registered(h);
      expect((await other.enterprise.inject({ method: 'POST', url: `/api/v1/applications/${id}/evidence`, ...multipart('x.pdf', PDF) })).statusCode).toBe(404);
    });
  });
}
