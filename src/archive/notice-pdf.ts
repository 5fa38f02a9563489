import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

// Notices as documents: the notice's generated text on an A4 page, Noto Sans SC (GB2312
// subset, from the @embedpdf/fonts-sc package) embedded so it reads the same anywhere.

const FONT = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
const BOLD = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Bold.otf');

/** What a notice PDF shows: the title, the text as generated, the case it belongs to and when it was issued. */
export interface NoticeForPdf {
  title: string;
  text: string;
  caseId: string;
  issuedAt: Date;
}

/** The PDF bytes (a notice is a page or two: built in memory, then stored like an upload). */
export function renderNoticePdf(n: NoticeForPdf): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
    // Fixed metadata: the same notice renders to the same bytes.
    info: {
      Title: n.title,
      Producer: 'SafetyNet',
      Creator: 'SafetyNet',
      CreationDate: n.issuedAt,
      ModDate: n.issuedAt,
    },
    lang: 'zh-CN',
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('bold').fontSize(18).text(n.title, { align: 'center' });
  doc.moveDown(1.5);
  doc.font('body').fontSize(12).text(n.text, { align: 'left', lineGap: 6 });
  doc.moveDown(2);
  const issued = new Date(n.issuedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  doc.fontSize(9).fillColor('#555555').text(`案件编号：${n.caseId}`).text(`签发日期：${issued}`);
  doc.end();
  return done;
}
