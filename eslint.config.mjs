// Flat ESLint config: type-aware TypeScript rules, Nx module boundaries with real tags, Prettier last.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Nx module boundaries (style.md §3). Specs may also use the testing library and the infrastructure
 * tooling (`forSpecs`), which production code never may.
 */
function boundaries(forSpecs) {
  const testSupport = forSpecs ? ['type:testing', 'type:tooling'] : [];
  const depConstraints = [
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: ['type:contract', 'type:protocol', 'type:platform', 'type:feature'],
      bannedExternalImports: ['kafkajs'],
    },
    {
      sourceTag: 'type:contract',
      onlyDependOnLibsWithTags: ['type:contract'],
      bannedExternalImports: ['@nestjs/*', 'kafkajs', 'typeorm', 'pg'],
    },
    {
      sourceTag: 'type:protocol',
      onlyDependOnLibsWithTags: ['type:protocol'],
      bannedExternalImports: ['kafkajs', 'typeorm', 'pg'],
    },
    {
      // feature libraries: NestJS/TypeORM building blocks of one domain shared by several apps
      // (e.g. ocpi-core for ocpi-cpo and ocpi-emsp)
      sourceTag: 'type:feature',
      onlyDependOnLibsWithTags: ['type:contract', 'type:protocol', 'type:platform', 'type:feature'],
    },
    {
      sourceTag: 'type:platform',
      onlyDependOnLibsWithTags: ['type:contract', 'type:platform'],
    },
    {
      // every platform library except platform-kafka carries this tag
      sourceTag: 'kafka:banned',
      onlyDependOnLibsWithTags: ['*'],
      bannedExternalImports: ['kafkajs'],
    },
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: [
        'type:contract',
        'type:protocol',
        'type:platform',
        'type:feature',
        'type:tooling',
      ],
      bannedExternalImports: ['kafkajs'],
    },
    {
      sourceTag: 'type:tooling',
      onlyDependOnLibsWithTags: ['type:contract', 'type:platform', 'type:tooling'],
      bannedExternalImports: ['kafkajs'],
    },
    {
      sourceTag: 'type:bench',
      onlyDependOnLibsWithTags: [
        'type:contract',
        'type:protocol',
        'type:platform',
        'type:feature',
        'type:tooling',
        'type:testing',
      ],
      bannedExternalImports: ['kafkajs'],
    },
    {
      sourceTag: 'scope:cpo',
      onlyDependOnLibsWithTags: ['scope:shared', 'scope:ocpi', 'scope:cpo'],
    },
    {
      sourceTag: 'scope:emsp',
      onlyDependOnLibsWithTags: ['scope:shared', 'scope:ocpi', 'scope:emsp'],
    },
    // OCPI party plumbing shared by exactly the two OCPI roles (libs/ocpi/*)
    { sourceTag: 'scope:ocpi', onlyDependOnLibsWithTags: ['scope:shared', 'scope:ocpi'] },
  ];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: depConstraints.map((c) =>
      c.onlyDependOnLibsWithTags && !c.onlyDependOnLibsWithTags.includes('*')
        ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, ...testSupport] }
        : c,
    ),
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'tmp/**',
      'coverage/**',
      '.nx/**',
      '.voltlane/**',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(true)] },
  },
  {
    // libs/testing and the test tiers may only be used from specs.
    files: ['apps/**/src/**/*.ts', 'libs/**/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@voltlane/testing',
              message: '@voltlane/testing is for *.spec.ts files only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier,
);
