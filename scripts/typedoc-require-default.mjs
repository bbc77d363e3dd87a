// TypeDoc plugin (loaded by typedoc.config.mjs): every optional property of an input struct
// (an exported interface named *Props, *Options, *Settings or *Overrides) must say what happens
// when it is left out, with `@default` (or `@defaultValue`). Result types (Finding, plans...)
// only need a description, which typedoc's own `validation.notDocumented` enforces.
// It reports a warning per missing tag; `treatWarningsAsErrors` turns them into a failed run,
// so `npx projen docs` and `npx projen docs:check` both refuse an undocumented default.
import { Converter, ReflectionKind } from 'typedoc';

const INPUT_STRUCT = /(Props|Options|Settings|Overrides)$/;

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, context => {
    const missing = [];
    for (const prop of context.project.getReflectionsByKind(ReflectionKind.Property)) {
      // inherited props are checked where they are declared
      if (!prop.flags.isOptional || prop.inheritedFrom) continue;
      if (!prop.parent || !prop.parent.kindOf(ReflectionKind.Interface) || !INPUT_STRUCT.test(prop.parent.name)) continue;
      const tags = prop.comment ? prop.comment.blockTags : [];
      if (!tags.some(t => t.tag === '@default' || t.tag === '@defaultValue')) missing.push(prop.getFriendlyFullName());
    }
    for (const name of missing.sort()) {
      app.logger.warn(`${name} is optional but its JSDoc has no @default (say what happens when it is left out, e.g. '@default - none')`);
    }
  });
}
