package dev.mcpload.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("mcpload");
    }
}
