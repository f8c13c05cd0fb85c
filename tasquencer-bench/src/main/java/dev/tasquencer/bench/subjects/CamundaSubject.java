package dev.tasquencer.bench.subjects;

import dev.tasquencer.bench.jdbc.CountingDataSource;
import dev.tasquencer.bench.measure.Probe;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Embedded Camunda 7.22.0 with history level audit, the job executor and the periodic metrics
 * reporter off, its default id generator and JDBC batching, on the same kind of pool as ours.
 */
public final class CamundaSubject extends BpmnSubject {

  /** The no-op service task. */
  public static final class Noop implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      Probe.tick();
    }
  }

  private final ProcessEngine engine;

  public CamundaSubject(CountingDataSource dataSource, String engineName) {
    super("camunda", dataSource);
    ProcessEngineConfigurationImpl cfg = new StandaloneProcessEngineConfiguration();
    cfg.setProcessEngineName(engineName);
    cfg.setDataSource(dataSource);
    cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    cfg.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
    cfg.setJobExecutorActivate(false);
    cfg.setDbMetricsReporterActivate(false);
    this.engine = cfg.buildProcessEngine();
    DeploymentBuilder d = engine.getRepositoryService().createDeployment().name("bench");
    for (String[] p : Bpmn.processes(Bpmn.Vendor.CAMUNDA, Noop.class.getName())) {
      d.addString(p[0] + ".bpmn", p[1]);
    }
    d.deploy();
  }

  @Override
  ProcessInstance start(String key, Map<String, Object> variables) {
    return engine.getRuntimeService().startProcessInstanceByKey(key, variables);
  }

  @Override
  String openTaskId(Object instance) {
    String id = ((ProcessInstance) instance).getId();
    return engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId();
  }

  @Override
  public void completeWaiting(Object handle) {
    engine.getTaskService().complete((String) handle);
  }

  @Override
  public boolean ended(Object handle) {
    String id = ((ProcessInstance) handle).getId();
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count()
            == 0
        && engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(id)
                .finished()
                .count()
            == 1;
  }

  @Override
  public boolean waitsAtSecond(Object handle) {
    var done =
        engine
            .getHistoryService()
            .createHistoricTaskInstanceQuery()
            .taskId((String) handle)
            .singleResult();
    if (done == null || done.getEndTime() == null) {
      return false;
    }
    List<Task> open =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(done.getProcessInstanceId())
            .list();
    return open.size() == 1 && open.get(0).getTaskDefinitionKey().equals("B");
  }

  @Override
  public String settings() {
    var cfg = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return "history level "
        + cfg.getHistoryLevel().getName()
        + ", id generator "
        + cfg.getIdGenerator().getClass().getSimpleName()
        + ", jdbc batching "
        + (cfg.isJdbcBatchProcessing() ? "on" : "off")
        + ", job executor off";
  }

  @Override
  public String history() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getHistoryLevel()
        .getName();
  }

  @Override
  public void close() {
    engine.close();
  }
}
