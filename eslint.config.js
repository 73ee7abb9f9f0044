import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.track/', 'bench/.work/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // Only the CLI layer and scripts talk to the terminal.
  { files: ['src/cli/**', 'bin/**', 'bench/**', 'tests/**'], rules: { 'no-console': 'off' } },
  // The launcher is CommonJS in ES5, so that any Node can read it (bin/track.cjs).
  {
    files: ['bin/**/*.cjs'],
    languageOptions: { ecmaVersion: 5, sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-var': 'off', 'no-new-func': 'off' },
  },
);
