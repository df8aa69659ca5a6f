import ExcelJS from 'exceljs';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { translate, type Locale } from '../../http/i18n.js';
import { TaggedPdfWriter } from './report-pdf.js';
import { goalAssessments } from '#shared/contracts/plan-follow-up';
import { actionStatuses } from '#shared/contracts/plans';
import type { PlanReport, ReportFormat, ReportIndicator, ReportPlan } from '#shared/contracts/plan-report';

/**
 * The follow-up report as documents. One outline (headings, paragraphs, lists, tables and trend
 * charts, all texts translated) is written as a tagged PDF and as Word; the Excel workbook holds the
 * same data in sheets. The screen (ReportPage) shows the same sections from the same model.
 */

type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string; bold?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; columns: string[]; rows: string[][]; weights?: number[] }
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
  // The same few dozen texts (columns, statuses, labels) are asked for per goal: looked up once.
  const plain = new Map<string, string>();
  const t = (key: string, values?: Record<string, string | number>) => {
    if (values) return translate(locale, key, values);
    let text = plain.get(key);
    if (text === undefined) {
      text = translate(locale, key, {});
      plain.set(key, text);
    }
    return text;
  };
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
  return [...outlineHead(report, locale), ...report.plans.flatMap((plan) => planOutline(plan, locale))];
}

/** The title, the period, the summary with its two charts (as the page shows them), before the plans. */
export function outlineHead(report: PlanReport, locale: Locale): Block[] {
  const { t, number } = textsOf(locale);
  const s = report.summary;
  const countChart = (title: string, column: string, rows: { label: string; count: number }[]): Block[] => [
    { kind: 'heading', level: 3, text: title },
    {
      kind: 'chart',
      alt: `${title}: ${rows.map((r) => `${r.label}: ${number.format(r.count)}`).join(', ')}`,
      labels: rows.map((r) => r.label),
      series: [{ name: t('planReport.count'), values: rows.map((r) => r.count) }],
    },
    {
      kind: 'table',
      caption: title,
      columns: [column, t('planReport.count')],
      rows: rows.map((r) => [r.label, number.format(r.count)]),
    },
  ];
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
    ...countChart(
      t('planReport.goalsChart'),
      t('planReport.columns.assessment'),
      [...goalAssessments, 'unassessed' as const].map((key) => ({
        label: key === 'unassessed' ? t('planReport.unassessed') : t(`followUp.assessment.${key}`),
        count: s.goals[key] ?? 0,
      })),
    ),
    ...countChart(
      t('planReport.actionsChart'),
      t('planReport.columns.status'),
      actionStatuses.map((key) => ({ label: t(`plans.actionStatus.${key}`), count: s.actions[key] ?? 0 })),
    ),
  ];
  if (report.plans.length === 0) blocks.push({ kind: 'paragraph', text: t('planReport.noPlans') });
  return blocks;
}

/** One plan: its heading and facts, then per goal the assessment, analysis, actions and indicators. */
export function planOutline(plan: ReportPlan, locale: Locale): Block[] {
  const { t, value } = textsOf(locale);
  const blocks: Block[] = [];
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
        weights: [3, 2, 2, 1.3, 3],
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

/** Called while a document is written: plans done of all, and the pages so far (PDF). */
export type RenderProgress = (progress: { done: number; total: number; pages: number }) => void;

/** Lets the server answer other requests (and the export's progress) while a long document is written. */
function yielder() {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 40) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

const headingSizes = { 1: 20, 2: 16, 3: 13, 4: 11 } as const;

function writePdfBlocks(pdf: TaggedPdfWriter, blocks: Block[]) {
  const root = pdf.document;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      const size = headingSizes[block.level];
      // A heading stays with the first lines after it.
      pdf.ensure(size * 1.2 + 48);
      if (pdf.y > pdf.top) pdf.y += block.level <= 2 ? 12 : 5;
      // The sections and the plans' goals are the outline's bookmarks.
      if (block.level === 2 || block.level === 3) pdf.bookmark(block.level === 2 ? 1 : 2, block.text);
      pdf.textBlock(`H${block.level}`, root, block.text, { font: 'bold', size }, { after: 4 });
    } else if (block.kind === 'paragraph') {
      pdf.textBlock('P', root, block.text, { font: block.bold ? 'bold' : 'regular', size: 10 }, { after: 3 });
    } else if (block.kind === 'list') {
      const list = pdf.open('L', root);
      for (const item of block.items) {
        const li = pdf.open('LI', list);
        pdf.ensure(24);
        const label = pdf.open('Lbl', li);
        pdf.beginContent(label);
        pdf.writeLines(pdf.lines('•', { font: 'regular', size: 10 }, 10), { font: 'regular', size: 10 }, pdf.left + 4, pdf.y);
        pdf.endContent();
        pdf.close(label);
        pdf.textBlock('LBody', li, item, { font: 'regular', size: 10 }, { indent: 14, after: 2 });
        pdf.close(li);
      }
      pdf.close(list);
      pdf.y += 4;
    } else if (block.kind === 'table') {
      pdf.table(root, block.caption, block.columns, block.rows, block.weights);
    } else {
      pdf.barChart(root, block.alt, block.labels, block.series, colours);
    }
  }
}

async function renderPdf(report: PlanReport, locale: Locale, progress?: RenderProgress): Promise<Buffer> {
  const pdf = new TaggedPdfWriter({
    lang: locale === 'en' ? 'en-GB' : 'sv-SE',
    title: reportTitle(report, locale),
    subject: translate(locale, 'planReport.title'),
  });
  const pause = yielder();
  writePdfBlocks(pdf, outlineHead(report, locale));
  const total = report.plans.length;
  for (let i = 0; i < total; i++) {
    writePdfBlocks(pdf, planOutline(report.plans[i]!, locale));
    progress?.({ done: i + 1, total, pages: pdf.pages });
    await pause();
  }
  return pdf.finish();
}

async function renderDocx(report: PlanReport, locale: Locale, progress?: RenderProgress): Promise<Buffer> {
  const headings = {
    1: HeadingLevel.HEADING_1,
    2: HeadingLevel.HEADING_2,
    3: HeadingLevel.HEADING_3,
    4: HeadingLevel.HEADING_4,
  } as const;
  // One section per plan, following on the same page: docx finds a table's section by looking
  // through the body from the table to the section's end, so a single section of 50,000 paragraphs
  // and tables made writing quadratic (16 s for the whole municipality).
  const sections: { properties: { type: typeof SectionType.CONTINUOUS }; children: (Paragraph | Table)[] }[] = [];
  let children: (Paragraph | Table)[] = [];
  const section = () => {
    if (children.length > 0) sections.push({ properties: { type: SectionType.CONTINUOUS }, children });
    children = [];
  };
  const pause = yielder();
  const total = report.plans.length;
  const add = (blocks: Block[]) => {
    for (const block of blocks) {
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
  };
  add(outlineHead(report, locale));
  for (let i = 0; i < total; i++) {
    section();
    add(planOutline(report.plans[i]!, locale));
    progress?.({ done: i + 1, total, pages: 0 });
    await pause();
  }
  section();
  const document = new Document({
    creator: 'Inkludera',
    title: reportTitle(report, locale),
    description: translate(locale, 'planReport.title'),
    sections,
  });
  return Packer.toBuffer(document);
}

async function renderXlsx(report: PlanReport, locale: Locale, progress?: RenderProgress): Promise<Buffer> {
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
  const pause = yielder();
  let done = 0;
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
    progress?.({ done: ++done, total: report.plans.length, pages: 0 });
    await pause();
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const reportContentTypes: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function renderReport(
  report: PlanReport,
  format: ReportFormat,
  locale: Locale,
  progress?: RenderProgress,
): Promise<Buffer> {
  if (format === 'pdf') return renderPdf(report, locale, progress);
  if (format === 'docx') return renderDocx(report, locale, progress);
  return renderXlsx(report, locale, progress);
}

/** A file name without characters that trouble file systems: "Uppföljning Delår 2 2025 Hela kommunen.pdf". */
export function reportFileName(report: PlanReport, format: ReportFormat, locale: Locale) {
  return `${reportTitle(report, locale)
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()}.${format}`;
}
