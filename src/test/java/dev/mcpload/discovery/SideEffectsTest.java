package dev.mcpload.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.discovery.SideEffects.Kind;
import dev.mcpload.protocol.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The side-effect heuristic as a table: what init may call, and the word or hint that decided it. */
class SideEffectsTest {
    private static final String RO = "{\"readOnlyHint\":true}";

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
            # name                   | description                                      | annotations                                   | kind      | reason contains
            create_order             | Charges the customer card                        | -                                             | UNSAFE    | 'create'
            place-order              | -                                                | -                                             | UNSAFE    | 'order'
            chargeCustomer           | -                                                | -                                             | UNSAFE    | 'charge'
            checkout                 | Takes the customer's money                       | -                                             | UNSAFE    | 'checkout'
            refund                   | -                                                | -                                             | UNSAFE    | 'refund'
            wire                     | Transfers funds between accounts                 | -                                             | UNSAFE    | 'transfers'
            pay_invoice              | -                                                | -                                             | UNSAFE    | 'pay'
            buyTicket                | -                                                | -                                             | UNSAFE    | 'buy'
            purgeCache               | -                                                | -                                             | UNSAFE    | 'purge'
            updateProfile            | -                                                | -                                             | UNSAFE    | 'update'
            HTTPRequest              | -                                                | -                                             | UNSAFE    | 'http'
            write_file               | -                                                | -                                             | UNSAFE    | 'write'
            db.insert                | -                                                | -                                             | UNSAFE    | 'insert'
            publish-post             | -                                                | -                                             | UNSAFE    | 'publish'
            notify                   | Sends an e-mail to the user                      | -                                             | UNSAFE    | 'notify'
            remind                   | Sends an e-mail to the user                      | -                                             | UNSAFE    | 'sends'
            remind                   | Emails the user                                  | -                                             | UNSAFE    | 'emails'
            cleanup                  | Deletes old records                              | -                                             | UNSAFE    | 'deletes'
            tidy                     | Dropped tables are gone for good                 | -                                             | UNSAFE    | 'dropped'
            kill_process             | -                                                | -                                             | UNSAFE    | 'kill'
            shell                    | -                                                | -                                             | UNSAFE    | 'shell'
            task                     | Runs a command on the host                       | -                                             | UNSAFE    | 'command'
            script                   | Run script in a sandbox                          | -                                             | UNSAFE    | 'run script'
            ship_it                  | Deploys the service                              | -                                             | UNSAFE    | 'ship'
            reserveRoom              | -                                                | -                                             | UNSAFE    | 'reserve'
            flow                     | Cancelled orders are refunded                    | -                                             | UNSAFE    | 'cancelled'
            settings                 | Modifies the configuration                       | -                                             | UNSAFE    | 'modifies'
            gzip-file-as-resource    | Compresses a file. Fetches the file from a URL.  | -                                             | UNSAFE    | 'fetches'
            mirror                   | -                                                | {"openWorldHint":true}                        | UNSAFE    | openWorldHint
            search_web               | Searches the web                                 | {"readOnlyHint":true,"openWorldHint":true}    | UNSAFE    | openWorldHint
            compact                  | Frees space                                      | {"destructiveHint":true}                      | UNSAFE    | destructiveHint
            toggle-simulated-logging | Toggles simulated logging on or off.             | {"readOnlyHint":false,"destructiveHint":false}| UNSAFE    | readOnlyHint: false
            delete_cache             | -                                                | {"readOnlyHint":true}                         | UNSAFE    | 'delete'
            get-sum                  | Returns the sum of two numbers                   | {"readOnlyHint":true}                         | READ_ONLY | readOnlyHint: true
            border_width             | The width of the border, in order to lay it out  | {"readOnlyHint":true}                         | READ_ONLY | readOnlyHint: true
            sorted                   | Results in sort order, free of charge            | {"readOnlyHint":true}                         | READ_ONLY | readOnlyHint: true
            long-op                  | Demonstrates a long running operation with progress updates. | {"readOnlyHint":true,"destructiveHint":true} | READ_ONLY | readOnlyHint: true
            sleep                    | Wait, then answer. Sends notifications/progress when asked. | -                                   | UNKNOWN   | not annotated
            echo                     | Echoes back the input                            | -                                             | UNKNOWN   | not annotated
            echo                     | Sends back the input                             | -                                             | UNKNOWN   | not annotated
            get_time                 | Returns the server's clock                       | {"readOnlyHint":"true"}                       | UNKNOWN   | not annotated
            dry-run                  | Shows what would change                          | {}                                            | UNKNOWN   | not annotated
            skill_level              | Describes a player's skills                      | -                                             | UNKNOWN   | not annotated
            """)
    void judges(String name, String description, String annotations, Kind kind, String reason) {
        JsonNode a = annotations == null ? Json.object() : Json.parse(annotations);
        SideEffects.Verdict v = SideEffects.judge(name, description, a, Json.object());
        assertThat(v.kind()).as(v.reason()).isEqualTo(kind);
        assertThat(v.reason()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            url        | {"type":"string"}
            webhookUrl | {"type":"string"}
            target     | {"type":"string","format":"uri"}
            """)
    void aUrlArgumentIsUnsafeBecauseInitWouldFillItWithARealAddress(String property, String schema) {
        JsonNode input = Json.parse("{\"type\":\"object\",\"properties\":{\"" + property + "\":" + schema + "}}");
        SideEffects.Verdict v = SideEffects.judge("compress", "Compresses", Json.parse(RO), input);
        assertThat(v.kind()).isEqualTo(Kind.UNSAFE);
        assertThat(v.reason()).contains("URL argument ('" + property + "')");
    }
}
