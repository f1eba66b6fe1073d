import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script, runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { unwrapUmdBundle } from '../../src/docs/bundle-unwrap.js';
import { consoleAssets } from '../../src/docs/console-bundle.js';

// A bundle of the shape webpack gives swagger-ui-dist: UMD wrapper, runtime, module table, entry module.
const MINI_UMD = [
  '/*! For license information please see mini.js.LICENSE.txt */',
  '!function webpackUniversalModuleDefinition(s,o){"object"==typeof exports&&"object"==typeof module?module.exports=o():"function"==typeof define&&define.amd?define([],o):"object"==typeof exports?exports.SwaggerUIBundle=o():s.SwaggerUIBundle=o()}(this,(()=>(()=>{',
  'var s={7(s,o){o.base=41}},o={};function __webpack_require__(i){var a=o[i];if(void 0!==a)return a.exports;var u=o[i]={exports:{}};return s[i].call(u.exports,u,u.exports,__webpack_require__),u.exports}',
  '__webpack_require__.d=(s,o)=>{for(var i in o)Object.defineProperty(s,i,{enumerable:!0,get:o[i]})};',
  'var i={};return(()=>{"use strict";__webpack_require__.d(i,{default:()=>LF});const LF=Object.assign(()=>__webpack_require__(7).base+1,{outerIsGlobal:this===globalThis})})(),i=i.default})()));',
].join('\n');

/** Runs a script as a browser runs a classic one: `this` and the globals are one object (the window). */
function runAsPage(code: string): { SwaggerUIBundle?: (() => number) & { outerIsGlobal: boolean } } {
  const window: Record<string, unknown> = {};
  runInNewContext(code, window);
  return window;
}

describe('unwrapUmdBundle: Swagger UI without its two wrapper functions', () => {
  it('defines the same SwaggerUIBundle global as the wrapped bundle, with `this` still the window', () => {
    const wrapped = runAsPage(MINI_UMD);
    const unwrapped = unwrapUmdBundle(MINI_UMD);
    expect(unwrapped).toBeDefined();
    const page = runAsPage(unwrapped!);
    expect(page.SwaggerUIBundle!()).toBe(42);
    expect(wrapped.SwaggerUIBundle!()).toBe(42);
    // The entry module's arrow saw the page's global object in both.
    expect(page.SwaggerUIBundle!.outerIsGlobal).toBe(true);
    expect(wrapped.SwaggerUIBundle!.outerIsGlobal).toBe(true);
    expect(unwrapped!.startsWith('/*! For license information please see mini.js.LICENSE.txt */\n')).toBe(true);
    expect(unwrapped).not.toContain('webpackUniversalModuleDefinition');
  });

  it('leaves a bundle of any other shape alone', () => {
    expect(unwrapUmdBundle('window.SwaggerUIBundle = function () {};')).toBeUndefined();
    expect(unwrapUmdBundle(MINI_UMD.replace('i=i.default})()));', 'i=i.default})())'))).toBeUndefined();
    expect(unwrapUmdBundle(MINI_UMD.replace('var i={};return', 'var i={};i.x=1;var j={};return'))).toBeUndefined();
  });

  it('unwraps the installed swagger-ui-dist bundle, which the docs serve, into a script that compiles', () => {
    const installed = readFileSync(createRequire(import.meta.url).resolve('swagger-ui-dist/swagger-ui-bundle.js'), 'utf8');
    const served = consoleAssets().find((a) => a.file === 'swagger-ui-bundle.js')!.body;
    // A swagger-ui-dist release of another shape is served wrapped (and slower with DevTools open): this says so.
    expect(unwrapUmdBundle(installed), 'swagger-ui-dist changed its bundle shape: see src/docs/bundle-unwrap.ts').toBeDefined();
    expect(served.startsWith('/*! For license information')).toBe(true);
    expect(served).not.toContain('webpackUniversalModuleDefinition');
    expect(served.trimEnd().endsWith('.default);')).toBe(true);
    expect(() => new Script(served)).not.toThrow();
  });
});
