import ExcelJS from 'exceljs';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import { translate, type Locale } from '../../http/i18n.js';
import type { PlanReport, ReportFormat, ReportIndicator } from '#shared/contracts/plan-report';

/**
 * The follow-up report as documents. One outline (headings, paragraphs, lists, tables and trend
 * charts, all texts translated) is written as a tagged PDF and as Word; the Excel workbook holds the
 * same data in sheets. The screen (ReportPage) shows the same sections from the same model.
 */

type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string; bold?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; columns: string[]; rows: string[][] }
  | { kind: 'chart'; alt: string; labels: string[]; series: { name: string; values: (number | null)[] }[] };

const texts = new Map<Locale, ReturnType<typeof makeTexts>>();
/** The report's translations and number formats, made once per language. */
function textsOf(locale: Locale) {
  let found = texts.get(locale);
  if (!found) {
    found = makeTexts(locale);
    texts.set(locale, found);
  }
  return found;
}

function makeTexts(locale: Locale) {
  const t = (key: string, values: Record<string, string | number> = {}) => translate(locale, key, values);
  const number = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1 });
  const value = (measure: string, n: number | null) =>
    n === null ? '–' : t(`plans.measureValue.${measure}`, { value: number.format(n) });
  return { t, number, value };
}

export function reportTitle(report: PlanReport, locale: Locale) {
  const { t } = textsOf(locale);
  const heading = t('planReport.heading', { period: report.period.name, year: report.period.year });
  return `${heading}: ${report.scope.name ?? t('planReport.scopeMunicipality')}`;
}

/** The report in reading order, as the PDF and Word documents show it. */
export function outline(report: PlanReport, locale: Locale): Block[] {
  const { t, value } = textsOf(locale);
  const s = report.summary;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: reportTitle(report, locale) },
    {
      kind: 'paragraph',
      text: t('planReport.periodDates', {
        from: report.period.startsOn,
        to: report.period.endsOn,
        deadline: report.period.deadline,
      }),
    },
    { kind: 'paragraph', text: t('planReport.generated', { date: report.generatedAt.slice(0, 10) }) },
    { kind: 'heading', level: 2, text: t('planReport.summary') },
    {
      kind: 'list',
      items: [
        t(s.plans === 1 ? 'planReport.plansCount_one' : 'planReport.plansCount_other', { count: s.plans }),
        t('planReport.goalsLine', {
          met: s.goals.met ?? 0,
          partly: s.goals.partly_met ?? 0,
          notMet: s.goals.not_met ?? 0,
          unassessed: s.goals.unassessed ?? 0,
        }),
        t('planReport.actionsLine', {
          done: s.actions.done ?? 0,
          ongoing: s.actions.ongoing ?? 0,
          notStarted: s.actions.not_started ?? 0,
          postponed: s.actions.postponed ?? 0,
          cancelled: s.actions.cancelled ?? 0,
          unreported: s.actionsUnreported,
        }),
        t('planReport.indicatorsLine', {
          count: s.indicators,
          unreported: s.indicatorsUnreported,
          missingSplit: s.indicatorsMissingSplit,
        }),
      ],
    },
  ];
  if (report.plans.length === 0) blocks.push({ kind: 'paragraph', text: t('planReport.noPlans') });
  for (const plan of report.plans) {
    blocks.push({ kind: 'heading', level: 2, text: plan.name });
    blocks.push({
      kind: 'paragraph',
      text: t('planReport.planMeta', {
        owner: plan.ownerName ?? t('planReport.scopeMunicipality'),
        area: t(`plans.area.${plan.area}`),
        from: plan.startYear,
        to: plan.endYear,
        version: plan.version,
      }),
    });
    blocks.push({
      kind: 'paragraph',
      text: plan.adoptedOn
        ? t('planReport.adopted', { date: plan.adoptedOn, body: plan.adoptedBy ?? '' })
        : t('planReport.notAdopted'),
    });
    for (const goal of plan.goals) {
      blocks.push({ kind: 'heading', level: 3, text: goal.title });
      blocks.push({
        kind: 'paragraph',
        bold: true,
        text: goal.assessment
          ? t('planReport.assessment', { value: t(`followUp.assessment.${goal.assessment}`) })
          : t('planReport.unassessed'),
      });
      if (goal.analysis) {
        blocks.push({ kind: 'heading', level: 4, text: t('planReport.analysis') });
        blocks.push({ kind: 'paragraph', text: goal.analysis });
      }
      blocks.push({ kind: 'heading', level: 4, text: t('planReport.actions') });
      if (goal.actions.length === 0) blocks.push({ kind: 'paragraph', text: t('planReport.noActions') });
      else
        blocks.push({
          kind: 'table',
          caption: `${t('planReport.actions')}: ${goal.title}`,
          columns: [
            t('planReport.columns.action'),
            t('planReport.columns.status'),
            t('planReport.columns.responsible'),
            t('planReport.columns.due'),
            t('planReport.columns.comment'),
          ],
          rows: goal.actions.map((a) => [
            a.title,
            a.reported
              ? t(`plans.actionStatus.${a.status}`)
              : `${t(`plans.actionStatus.${a.status}`)} (${t('planReport.notReported')})`,
            a.responsibleName ?? '',
            a.dueDate ?? '',
            a.comment ?? '',
          ]),
        });
      blocks.push({ kind: 'heading', level: 4, text: t('planReport.indicators') });
      if (goal.indicators.length === 0) blocks.push({ kind: 'paragraph', text: t('planReport.noIndicators') });
      for (const indicator of goal.indicators) blocks.push(...indicatorBlocks(indicator, locale));
    }
  }
  return blocks;

  function indicatorBlocks(indicator: ReportIndicator, locale: Locale): Block[] {
    const { t: tr } = textsOf(locale);
    const out: Block[] = [
      { kind: 'paragraph', bold: true, text: indicator.name },
      {
        kind: 'paragraph',
        text: [
          `${tr('planReport.target')}: ${indicator.target === null ? tr('planReport.noTarget') : value(indicator.measure, indicator.target)} (${tr(`planReport.better.${indicator.direction}`)})`,
          indicator.outcome
            ? `${tr('planReport.outcome')}: ${
                indicator.aboutPeople
                  ? `${tr('planReport.women')} ${value(indicator.measure, indicator.outcome.women)}, ${tr('planReport.men')} ${value(indicator.measure, indicator.outcome.men)}, ${tr('planReport.total')} ${value(indicator.measure, indicator.outcome.total)}`
                  : value(indicator.measure, indicator.outcome.total)
              }`
            : tr('planReport.noOutcome'),
          indicator.onTarget === null ? '' : tr(indicator.onTarget ? 'planReport.onTarget' : 'planReport.offTarget'),
        ]
          .filter(Boolean)
          .join('. ')
          .concat('.'),
      },
    ];
    if (indicator.missingSplit)
      out.push({
        kind: 'paragraph',
        bold: true,
        text: indicator.outcome?.missingSplitReason
          ? tr('planReport.missingSplitReason', { reason: indicator.outcome.missingSplitReason })
          : tr('planReport.missingSplit'),
      });
    if (indicator.trend.length > 0) {
      const series = indicator.aboutPeople
        ? [
            { name: tr('planReport.women'), values: indicator.trend.map((p) => p.women) },
            { name: tr('planReport.men'), values: indicator.trend.map((p) => p.men) },
            { name: tr('planReport.total'), values: indicator.trend.map((p) => p.total) },
          ]
        : [{ name: tr('planReport.total'), values: indicator.trend.map((p) => p.total) }];
      out.push({
        kind: 'chart',
        alt: trendSummary(indicator, locale),
        labels: indicator.trend.map((p) => p.label),
        series,
      });
      out.push({
        kind: 'table',
        caption: tr('planReport.trendOf', { name: indicator.name }),
        columns: [tr('planReport.columns.period'), ...series.map((s) => s.name)],
        rows: indicator.trend.map((p, i) => [p.label, ...series.map((s) => value(indicator.measure, s.values[i] ?? null))]),
      });
    }
    return out;
  }
}

/** The trend in words: what a chart shows, for those who do not see it. */
export function trendSummary(indicator: ReportIndicator, locale: Locale) {
  const { t, value } = textsOf(locale);
  const points = indicator.trend
    .map((p) =>
      indicator.aboutPeople
        ? `${p.label} ${t('planReport.women').toLowerCase()} ${value(indicator.measure, p.women)}, ${t('planReport.men').toLowerCase()} ${value(indicator.measure, p.men)}`
        : `${p.label} ${value(indicator.measure, p.total)}`,
    )
    .join('; ');
  return t('planReport.trendSummary', { name: indicator.name, points });
}

const colours = ['#5b3f8c', '#1f6f5c', '#3b4a9c'];

function renderPdf(report: PlanReport, locale: Locale): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.5',
    tagged: true,
    lang: locale === 'en' ? 'en-GB' : 'sv-SE',
    displayTitle: true,
    info: { Title: reportTitle(report, locale), Subject: translate(locale, 'planReport.title'), Creator: 'Inkludera' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const sizes = { 1: 20, 2: 16, 3: 13, 4: 11 } as const;
  const root = doc.struct('Document');
  doc.addStructure(root);

  for (const block of outline(report, locale)) {
    if (block.kind === 'heading') {
      ensure(sizes[block.level] * 3);
      root.add(
        doc.struct(`H${block.level}`, {}, () => {
          doc.moveDown(block.level <= 2 ? 0.8 : 0.4);
          doc.font('Helvetica-Bold').fontSize(sizes[block.level]).fillColor('#1a1a1a').text(block.text, left, doc.y, { width });
          doc.moveDown(0.3);
        }),
      );
    } else if (block.kind === 'paragraph') {
      ensure(24);
      root.add(
        doc.struct('P', {}, () => {
          doc
            .font(block.bold ? 'Helvetica-Bold' : 'Helvetica')
            .fontSize(10)
            .fillColor('#1a1a1a')
            .text(block.text, left, doc.y, { width });
          doc.moveDown(0.3);
        }),
      );
    } else if (block.kind === 'list') {
      const list = doc.struct('L');
      root.add(list);
      for (const item of block.items) {
        ensure(24);
        list.add(
          doc.struct('LI', {}, () => {
            doc
              .font('Helvetica')
              .fontSize(10)
              .fillColor('#1a1a1a')
              .text(`• ${item}`, left + 8, doc.y, { width: width - 8 });
          }),
        );
      }
      list.end();
      doc.moveDown(0.3);
    } else if (block.kind === 'table') {
      const table = doc.struct('Table');
      root.add(table);
      const columnWidth = width / block.columns.length;
      const row = (cells: string[], header: boolean) => {
        doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
        // Most cells are one short line: only those wider than their column are measured for wrapping.
        const lineHeight = doc.currentLineHeight(true);
        const height =
          Math.max(
            ...cells.map((c) =>
              doc.widthOfString(c || ' ') <= columnWidth - 6 ? lineHeight : doc.heightOfString(c, { width: columnWidth - 6 }),
            ),
          ) + 6;
        ensure(height);
        const y = doc.y;
        const tr = doc.struct('TR');
        table.add(tr);
        cells.forEach((cell, i) => {
          tr.add(
            doc.struct(header ? 'TH' : 'TD', {}, () => {
              doc.fillColor('#1a1a1a').text(cell, left + i * columnWidth + 3, y + 3, { width: columnWidth - 6 });
            }),
          );
        });
        tr.end();
        doc.markContent('Artifact', { type: 'Layout' });
        doc
          .lineWidth(0.5)
          .strokeColor('#888888')
          .moveTo(left, y + height)
          .lineTo(left + width, y + height)
          .stroke();
        doc.endMarkedContent();
        doc.x = left;
        doc.y = y + height;
      };
      row(block.columns, true);
      for (const cells of block.rows) row(cells, false);
      table.end();
      doc.moveDown(0.6);
    } else {
      const height = 110;
      ensure(height + 30);
      const top = doc.y;
      root.add(
        doc.struct('Figure', { alt: block.alt }, () => {
          const values = block.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
          const max = Math.max(1, ...values);
          const groupWidth = Math.min(90, width / Math.max(1, block.labels.length));
          const barWidth = (groupWidth - 12) / block.series.length;
          block.labels.forEach((label, g) => {
            block.series.forEach((s, i) => {
              const v = s.values[g];
              if (v === null || v === undefined) return;
              const h = (v / max) * height;
              doc
                .fillColor(colours[i % colours.length]!)
                .rect(left + g * groupWidth + i * barWidth, top + height - h, barWidth - 2, h)
                .fill();
            });
            doc
              .fillColor('#1a1a1a')
              .font('Helvetica')
              .fontSize(7)
              .text(label, left + g * groupWidth, top + height + 3, { width: groupWidth - 4 });
          });
          block.series.forEach((s, i) => {
            doc
              .fillColor(colours[i % colours.length]!)
              .rect(left + width - 90, top + i * 12, 8, 8)
              .fill();
            doc
              .fillColor('#1a1a1a')
              .fontSize(8)
              .text(s.name, left + width - 78, top + i * 12, { width: 78 });
          });
        }),
      );
      doc.x = left;
      doc.y = top + height + 24;
    }
  }
  root.end();
  doc.end();
  return done;
}

async function renderDocx(report: PlanReport, locale: Locale): Promise<Buffer> {
  const headings = {
    1: HeadingLevel.HEADING_1,
    2: HeadingLevel.HEADING_2,
    3: HeadingLevel.HEADING_3,
    4: HeadingLevel.HEADING_4,
  } as const;
  const children: (Paragraph | Table)[] = [];
  for (const block of outline(report, locale)) {
    if (block.kind === 'heading') children.push(new Paragraph({ text: block.text, heading: headings[block.level] }));
    else if (block.kind === 'paragraph')
      children.push(new Paragraph({ children: [new TextRun({ text: block.text, bold: block.bold ?? false })] }));
    else if (block.kind === 'list')
      for (const item of block.items) children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
    else if (block.kind === 'table') {
      const cell = (text: string, header: boolean) =>
        new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })] });
      children.push(
        new Paragraph({ children: [new TextRun({ text: block.caption, italics: true })] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: block.columns.map((c) => cell(c, true)) }),
            ...block.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
          ],
        }),
        new Paragraph({ text: '' }),
      );
    } else {
      // Word gets the chart's words; its data follows as a table (the next block).
      children.push(
        new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: block.alt, italics: true })] }),
      );
    }
  }
  const document = new Document({
    creator: 'Inkludera',
    title: reportTitle(report, locale),
    description: translate(locale, 'planReport.title'),
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

async function renderXlsx(report: PlanReport, locale: Locale): Promise<Buffer> {
  const { t } = textsOf(locale);
  const c = (key: string) => t(`planReport.columns.${key}`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Inkludera';
  workbook.title = reportTitle(report, locale);
  const sheet = (name: string, columns: string[]) => {
    const ws = workbook.addWorksheet(t(`planReport.sheets.${name}`));
    ws.columns = columns.map((header) => ({ header: c(header), key: header, width: header === 'analysis' ? 60 : 22 }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };
  const goals = sheet('goals', ['plan', 'owner', 'goal', 'assessment', 'analysis']);
  const actions = sheet('actions', ['plan', 'goal', 'action', 'status', 'reported', 'responsible', 'due', 'comment']);
  const indicators = sheet('indicators', [
    'plan',
    'goal',
    'indicator',
    'measure',
    'direction',
    'target',
    'women',
    'men',
    'total',
    'missingSplit',
    'reason',
  ]);
  const trend = sheet('trend', ['plan', 'indicator', 'period', 'women', 'men', 'total']);
  for (const plan of report.plans) {
    const owner = plan.ownerName ?? t('planReport.scopeMunicipality');
    for (const goal of plan.goals) {
      goals.addRow({
        plan: plan.name,
        owner,
        goal: goal.title,
        assessment: goal.assessment ? t(`followUp.assessment.${goal.assessment}`) : '',
        analysis: goal.analysis ?? '',
      });
      for (const a of goal.actions)
        actions.addRow({
          plan: plan.name,
          goal: goal.title,
          action: a.title,
          status: t(`plans.actionStatus.${a.status}`),
          reported: t(a.reported ? 'planReport.yes' : 'planReport.no'),
          responsible: a.responsibleName ?? '',
          due: a.dueDate ?? '',
          comment: a.comment ?? '',
        });
      for (const i of goal.indicators) {
        indicators.addRow({
          plan: plan.name,
          goal: goal.title,
          indicator: i.name,
          measure: t(`plans.measure.${i.measure}`),
          direction: t(`planReport.better.${i.direction}`),
          target: i.target,
          women: i.outcome?.women ?? null,
          men: i.outcome?.men ?? null,
          total: i.outcome?.total ?? null,
          missingSplit: t(i.missingSplit ? 'planReport.yes' : 'planReport.no'),
          reason: i.outcome?.missingSplitReason ?? '',
        });
        for (const p of i.trend)
          trend.addRow({ plan: plan.name, indicator: i.name, period: p.label, women: p.women, men: p.men, total: p.total });
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const reportContentTypes: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function renderReport(report: PlanReport, format: ReportFormat, locale: Locale): Promise<Buffer> {
  if (format === 'pdf') return renderPdf(report, locale);
  if (format === 'docx') return renderDocx(report, locale);
  return renderXlsx(report, locale);
}

/** A file name without characters that trouble file systems: "Uppföljning Delår 2 2025 Hela kommunen.pdf". */
export function reportFileName(report: PlanReport, format: ReportFormat, locale: Locale) {
  return `${reportTitle(report, locale)
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()}.${format}`;
}
