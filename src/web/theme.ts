import { createTheme } from '@mantine/core';

/**
 * Mantine's default shades fail WCAG AA contrast for text on white: use shade 8 in light mode,
 * and a darker red for errors (DESIGN.md).
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 6 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  defaultRadius: 'sm',
  focusRing: 'always',
  // People who ask their system for less motion get none: dialogs and notifications appear at once.
  respectReducedMotion: true,
  other: { errorColor: 'red.9' },
  components: {
    DateInput: { classNames: { day: 'inkludera-date-day' } },
    DatePickerInput: { classNames: { day: 'inkludera-date-day' } },
    DatePicker: { classNames: { day: 'inkludera-date-day' } },
    Calendar: { classNames: { day: 'inkludera-date-day' } },
    InputWrapper: { defaultProps: { errorProps: { c: 'red.9' } } },
    Input: { styles: { input: { borderColor: 'var(--mantine-color-gray-6)' } } },
    Anchor: { defaultProps: { c: 'indigo.8', underline: 'always' } },
    // The light variant's active item loses contrast on hover (its tint darkens under indigo text); filled keeps white on indigo.
    NavLink: { defaultProps: { variant: 'filled' } },
  },
});

/**
 * Mantine's "dimmed" grey (descriptions, placeholders) is below 4.5:1 on white; gray.7 passes.
 * Its error red (red.6, the text of an input in error, 3.3:1) fails too; red.9 passes.
 */
export const cssVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
