package io.meshcanary.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedNameTest {

    @Test
    void aNameThatFitsIsKeptAsItIs() {
        assertThat(BoundedName.fit("orders-primary", 36)).isEqualTo("orders-primary");
        assertThat(BoundedName.fit("x".repeat(36), 36)).isEqualTo("x".repeat(36));
    }

    @Test
    void aLongerNameIsCutToTheLimitAndTwoLongNamesWithTheSameStartStayApart() {
        String first = BoundedName.fit("orders-fulfilment-eu-central-1-warehouse-api-primary", 36);
        String second = BoundedName.fit("orders-fulfilment-eu-central-1-warehouse-web-primary", 36);

        assertThat(first).hasSize(36).startsWith("orders-fulfilment-e").matches(".*-[0-9a-f]{16}");
        assertThat(second).hasSize(36).isNotEqualTo(first);
        assertThat(BoundedName.fit("orders-fulfilment-eu-central-1-warehouse-api-primary", 36)).isEqualTo(first);
    }

    @Test
    void aLimitWithNoRoomBesideTheDigestIsRefused() {
        assertThatThrownBy(() -> BoundedName.fit("orders", 17)).hasMessageContaining("limit of 17");
    }
}
