/**
 * {@code mcpload init}: reads a server's catalog (tools, resources, prompts), synthesizes arguments from input
 * schemas, keeps tools that look like they change things out of the load unless asked, and writes the TOML.
 */
package dev.mcpload.discovery;
