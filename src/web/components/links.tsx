import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { Anchor, Button, Text, type AnchorProps, type ButtonProps, type TextProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';

/**
 * Mantine components as router links. `<Anchor component={Link}>` loses the router's types (Mantine's
 * polymorphic props see Link without the registered route tree, so `to`, `params` and `search` go
 * unchecked); createLink keeps them: `<AnchorLink to="/plans/$id" params={{ id }}>` is checked against
 * the routes, as Link itself is.
 */
type AnchorElementProps<P> = P & Omit<ComponentPropsWithoutRef<'a'>, keyof P>;

const MantineAnchor = forwardRef<HTMLAnchorElement, AnchorElementProps<AnchorProps>>((props, ref) => (
  <Anchor ref={ref} {...props} />
));
MantineAnchor.displayName = 'MantineAnchor';

const MantineButtonAnchor = forwardRef<HTMLAnchorElement, AnchorElementProps<ButtonProps>>((props, ref) => (
  <Button component="a" ref={ref} {...props} />
));
MantineButtonAnchor.displayName = 'MantineButtonAnchor';

const MantineTextAnchor = forwardRef<HTMLAnchorElement, AnchorElementProps<TextProps>>((props, ref) => (
  <Text component="a" ref={ref} {...props} />
));
MantineTextAnchor.displayName = 'MantineTextAnchor';

/** A link that looks like Mantine's Anchor. */
export const AnchorLink = createLink(MantineAnchor);
/** A link that looks like a Mantine Button. */
export const ButtonLink = createLink(MantineButtonAnchor);
/** A link that looks like Mantine Text. */
export const TextLink = createLink(MantineTextAnchor);
