package dev.weft.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.junit.internal.InstallWeft;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The jar is a named module on the module path as well as a plain jar on the class path (where
 * these tests run it): the descriptor exports the API only, provides the session listener that
 * META-INF/services registers on the class path, and does not require asyncio.
 */
class ModuleDescriptorTest {
  @Test
  void descriptor_exportsTheApi_providesTheListener_andLeavesAsyncioOptional() throws Exception {
    Path classes = Path.of(InstallWeft.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleReference ref = ModuleFinder.of(classes).find("dev.weft.junit")
        .orElseThrow(() -> new AssertionError("no module dev.weft.junit in " + classes));
    ModuleDescriptor d = ref.descriptor();
    assertEquals(Set.of("dev.weft.junit"), d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    ModuleDescriptor.Provides listener = d.provides().stream()
        .filter(p -> p.service().equals("org.junit.platform.launcher.LauncherSessionListener")).findFirst()
        .orElseThrow(() -> new AssertionError("provides no LauncherSessionListener: " + d));
    assertEquals(List.of(InstallWeft.class.getName()), listener.providers());
    ModuleDescriptor.Requires asyncio = d.requires().stream().filter(r -> r.name().equals("dev.weft.asyncio")).findFirst()
        .orElseThrow(() -> new AssertionError("does not name dev.weft.asyncio: " + d));
    assertTrue(asyncio.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC), asyncio.toString());
  }
}
