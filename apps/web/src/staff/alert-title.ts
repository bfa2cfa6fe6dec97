/** An alert's title in the text colour: in the alert's own colour it fails contrast on its light background. */
export const TITLE = { title: { color: 'var(--mantine-color-black)' } };
