// `track templates`: the templates there are, built-in and the workspace's own.

import { listTemplates, type TemplateInfo } from '../report/engine.js';

export interface TemplatesOptions {
  root: string;
}

export interface TemplatesResult {
  templates: TemplateInfo[];
}

export async function templates(options: TemplatesOptions): Promise<TemplatesResult> {
  return { templates: listTemplates(options.root) };
}
